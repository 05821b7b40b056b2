import { pyLen } from '../expression/conversions.ts';
import { pyRepr } from '../expression/repr.ts';
import { PyException, PyList, shortTypeName, valueError, type PyValue } from '../expression/values.ts';
import { defineHelper } from './define.ts';
import { lowerKey, stepEntries } from './steps.ts';

const START: Record<string, bigint> = { min: 100000000n, max: 0n, average: 0n };

function lower(value: PyValue): string {
  if (typeof value !== 'string')
    throw new PyException('AttributeError', `'${shortTypeName(value)}' object has no attribute 'lower'`);
  return value.toLowerCase();
}

/**
 * `length(item, kind='min')`: the shortest, longest or average length of a text or list of
 * texts. min starts at 100000000 and max at 0 (so an empty list gives those), as in Sensei;
 * average is the real mean (Sensei's running formula is wrong beyond two items).
 */
export const LENGTH = defineHelper(
  'length',
  [{ name: 'item' }, { name: 'kind', default: 'min' }],
  ([item = null, kind = null]) => {
    const items = typeof item === 'string' ? [item] : item instanceof PyList ? item.items : undefined;
    if (items === undefined) throw valueError(`Expecting a list of strings, or a string, but got ${pyRepr(item)}`);
    const which = lower(kind);
    const start = START[which];
    if (start === undefined) throw valueError(`Expecting one of min, max or average, but got ${which}`);
    const lengths = items.map((element) => pyLen(element));
    if (which === 'min') return lengths.reduce((m, n) => (n < m ? n : m), start);
    if (which === 'max') return lengths.reduce((m, n) => (n > m ? n : m), start);
    if (lengths.length === 0) return start;
    return lengths.reduce((sum, n) => sum + Number(n), 0) / lengths.length;
  },
);

/**
 * `conversation_length(who='both')`: messages in the conversation (both), or of the user or
 * the chatbot (`chatbot` and `assistant` both count the chatbot's; Sensei's `chatbot` counted 0).
 */
export const CONVERSATION_LENGTH = defineHelper(
  'conversation_length',
  [{ name: 'who', default: 'both' }],
  ([who = null], host, budget) => {
    const which = lower(who);
    if (!['user', 'chatbot', 'assistant', 'both'].includes(which))
      throw valueError(`Expected 'user', 'chatbot' or 'both', but got '${which}'`);
    if (which === 'both') return pyLen(host.interaction);
    const wanted = which === 'user' ? ['user'] : ['assistant', 'chatbot'];
    let count = 0n;
    for (const { key } of stepEntries(host.interaction, budget)) if (wanted.includes(lowerKey(key))) count++;
    return count;
  },
);
