import { compileFullMatch, pythonRegexToJs } from '../../base/python-regex.ts';
import { toFloat } from '../expression/conversions.ts';
import { pyContains } from '../expression/membership.ts';
import { iterate } from '../expression/conversions.ts';
import { PyDict, PyException, PyList, shortTypeName, typeError, type PyValue } from '../expression/values.ts';
import { defineHelper } from './define.ts';
import { isChatbotKey, stepEntries } from './steps.ts';
import { similarityFor } from './text-similarity.ts';

function str(value: PyValue, what: string): string {
  if (typeof value !== 'string') throw typeError(`${what} must be str, not ${shortTypeName(value)}`);
  return value;
}

/**
 * `chatbot_returns(what, and_not=None)`: indices (over all messages, from 0) of the chatbot
 * messages containing `what`; with `and_not`, only those where it does not come after the first `what`.
 */
export const CHATBOT_RETURNS = defineHelper(
  'chatbot_returns',
  [{ name: 'what' }, { name: 'and_not', default: null }],
  ([what = null, andNot = null], host, budget) => {
    const found: PyValue[] = [];
    for (const { index, key, value } of stepEntries(host.interaction, budget)) {
      if (!isChatbotKey(key)) continue;
      if (!pyContains(value, what, budget, (v) => iterate(v, budget))) continue;
      if (andNot === null) {
        found.push(BigInt(index));
        continue;
      }
      const text = str(value, 'the message');
      const at = text.indexOf(str(what, 'what'));
      if (at !== -1 && text.indexOf(str(andNot, 'and_not'), at + (what as string).length) === -1)
        found.push(BigInt(index));
    }
    return new PyList(found);
  },
);

const patterns = new Map<string, RegExp>();

function compiled(source: string): RegExp {
  let regex = patterns.get(source);
  if (!regex) {
    if (!compileFullMatch(source).ok)
      throw new PyException('re.error', `invalid regular expression ${JSON.stringify(source)}`);
    regex = new RegExp(pythonRegexToJs(source));
    if (patterns.size > 1000) patterns.clear();
    patterns.set(source, regex);
  }
  return regex;
}

/** simsim: `chatbot_says(pattern)`, True when a chatbot message matches the (Python) regular expression anywhere. */
export const CHATBOT_SAYS = defineHelper('chatbot_says', [{ name: 'pattern' }], ([pattern = null], host, budget) => {
  const regex = compiled(str(pattern, 'the pattern'));
  for (const { key, value } of stepEntries(host.interaction, budget)) {
    if (isChatbotKey(key) && typeof value === 'string') {
      budget.charge(value.length / 64);
      if (regex.test(value)) return true;
    }
  }
  return false;
});

/** `empty_responses()`: indices of the chatbot messages that are empty or only whitespace. */
export const EMPTY_RESPONSES = defineHelper('empty_responses', [], (_args, host, budget) => {
  const found: PyValue[] = [];
  for (const { index, key, value } of stepEntries(host.interaction, budget)) {
    if (isChatbotKey(key) && (value === null || (typeof value === 'string' && value.trim() === '')))
      found.push(BigInt(index));
  }
  return new PyList(found);
});

/**
 * `repeated_answers(method='exact', threshold=0.4)`: chatbot messages grouped by similarity to
 * the first message of each earlier group; `{first: [later similar ones]}` for groups that repeat.
 */
export const REPEATED_ANSWERS = defineHelper(
  'repeated_answers',
  [
    { name: 'method', default: 'exact' },
    { name: 'threshold', default: 0.4 },
  ],
  ([method = null, threshold = null], host, budget) => {
    if (typeof method !== 'string')
      throw new PyException('AttributeError', `'${shortTypeName(method)}' object has no attribute 'lower'`);
    const similarity = similarityFor(method);
    const limit = toFloat(threshold);
    const groups = new PyDict();
    for (const { key, value } of stepEntries(host.interaction, budget)) {
      if (!isChatbotKey(key)) continue;
      let similar: PyValue | undefined;
      for (const first of groups.keys()) {
        budget.charge(typeof value === 'string' ? value.length / 16 : 1);
        if (similarity(value, first) >= limit) {
          similar = first;
          break;
        }
      }
      if (similar !== undefined) (groups.get(similar) as PyList).items.push(value);
      else groups.set(value, new PyList([]));
    }
    return PyDict.of(groups.items().filter(([, later]) => (later as PyList).items.length > 0));
  },
);
