import { Suspension, Unavailable } from '../../expression/evaluator.ts';
import { pyRepr, pyStr } from '../../expression/repr.ts';
import { PyException, PyList, PyTuple, shortTypeName, valueError, type PyValue } from '../../expression/values.ts';
import type { Budget } from '../../expression/budget.ts';
import { defineHelper } from '../define.ts';
import type { HelperHost } from '../host.ts';
import { isChatbotKey, lowerKey, stepEntries } from '../steps.ts';
import type { CheckModel, ModelQuestion } from './check-model.ts';
import { detectLanguage, loadDetector, senseiLanguageCode } from './language-detection.ts';
import {
  booleanAnswer,
  enumAnswer,
  INDEX_ANSWER,
  JUDGE_SYSTEM,
  LANGUAGE_CODES,
  languagePrompt,
  OFF_TOPIC_ANSWER,
  onlyTalksAboutPrompt,
  sameLanguagePrompt,
  semanticContentPrompt,
  tonePrompt,
  TONES,
  utterancePrompt,
} from './prompts.ts';

/**
 * Answers the helper already has for these inputs, or suspends the evaluation while it gets
 * them (the evaluation then runs again and finds them here). Failures are kept too, so a
 * failed call is not repeated within one evaluation.
 */
function answered(host: HelperHost, key: string, compute: () => Promise<PyValue>): PyValue {
  const known = host.answers.get(key);
  if (known) {
    if (known.ok) return known.value;
    throw known.error;
  }
  throw new Suspension(async () => {
    try {
      host.answers.set(key, { ok: true, value: await compute() });
    } catch (error) {
      host.answers.set(key, {
        ok: false,
        error:
          error instanceof PyException || error instanceof Unavailable
            ? error
            : new Unavailable(error instanceof Error ? error.message : String(error)),
      });
    }
  });
}

function requireModel(host: HelperHost, helper: string): CheckModel {
  if (!host.model || host.model.offline) throw new Unavailable(`${helper}() needs an LLM (the model is offline)`);
  return host.model;
}

function field(answer: unknown, name: string): unknown {
  return typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>)[name] : undefined;
}

async function ask(
  model: CheckModel,
  host: HelperHost,
  user: string,
  schema: ModelQuestion['schema'],
): Promise<unknown> {
  return model.ask({ system: JUDGE_SYSTEM, user, schema, subject: host.subject });
}

function textList(item: PyValue, what: string): PyValue[] {
  if (typeof item === 'string') return [item];
  if (item instanceof PyList) return item.items;
  throw valueError(`Expecting a list of strings, or a string, but got ${pyRepr(item)}${what}`);
}

/** Sensei's `interaction_to_str`: `Key : value` lines, numbered from 1 when asked. */
function transcript(host: HelperHost, budget: Budget, numbered = false): string {
  let out = '';
  let n = 1;
  for (const { key, value } of stepEntries(host.interaction, budget))
    out += `${numbered ? `${n++} - ` : ''}${pyStr(key)} : ${pyStr(value)}\n`;
  return out;
}

const SEMANTIC_CONTENT = defineHelper(
  'semantic_content',
  [{ name: 'variable' }, { name: 'content' }],
  ([variable = null, content = null], host) => {
    const model = requireModel(host, 'semantic_content');
    const text = pyStr(variable);
    const expected = pyStr(content);
    return answered(
      host,
      `semantic_content${pyRepr(new PyTuple([text, expected]))}`,
      async () =>
        field(await ask(model, host, semanticContentPrompt(text, expected), booleanAnswer('conveys')), 'conveys') ===
        true,
    );
  },
);

const LANGUAGE = defineHelper('language', [{ name: 'string' }], ([value = null], host) => {
  const text = value instanceof PyList ? value.items.map(pyStr).join('\n') : pyStr(value);
  const key = `language${pyRepr(text)}`;
  if (host.model?.offline !== false) {
    return answered(host, key, async () => senseiLanguageCode(detectLanguage(await loadDetector(), text)));
  }
  const model = host.model;
  return answered(host, key, async () =>
    String(field(await ask(model, host, languagePrompt(text), enumAnswer('language', LANGUAGE_CODES)), 'language')),
  );
});

const TONE = defineHelper('tone', [{ name: 'item' }], ([item = null], host) => {
  const texts = textList(item, '');
  const model = requireModel(host, 'tone');
  return new PyList(
    texts.map((element) => {
      const text = pyStr(element);
      return answered(host, `tone${pyRepr(text)}`, async () =>
        String(field(await ask(model, host, tonePrompt(text), enumAnswer('tone', TONES)), 'tone')),
      );
    }),
  );
});

const ONLY_TALKS_ABOUT = defineHelper(
  'only_talks_about',
  [{ name: 'topics' }, { name: 'fallback', default: null }],
  ([topics = null, fallback = null], host, budget) => {
    const list = textList(topics, '').map(pyStr);
    const model = requireModel(host, 'only_talks_about');
    const conversation = transcript(host, budget);
    const fallbackText = fallback === null ? undefined : pyStr(fallback);
    return answered(
      host,
      `only_talks_about${pyRepr(new PyTuple([new PyList(list), fallbackText ?? null]))}`,
      async () => {
        const replies = field(
          await ask(model, host, onlyTalksAboutPrompt(conversation, list, fallbackText), OFF_TOPIC_ANSWER),
          'off_topic_replies',
        );
        const off = Array.isArray(replies) ? replies.map(String) : [];
        return off.length === 0 ? true : `The following chatbot responses are out of scope: ${off.join(' | ')}`;
      },
    );
  },
);

const UTTERANCE_INDEX = defineHelper(
  'utterance_index',
  [{ name: 'who' }, { name: 'what' }],
  ([who = null, what = null], host, budget) => {
    const model = requireModel(host, 'utterance_index');
    const numbered = transcript(host, budget, true);
    const messages = numbered === '' ? 0 : numbered.split('\n').length - 1;
    const speaker = pyStr(who);
    const topic = pyStr(what);
    return answered(host, `utterance_index${pyRepr(new PyTuple([speaker, topic]))}`, async () => {
      const number = field(
        await ask(model, host, utterancePrompt(numbered, speaker, topic), INDEX_ANSWER),
        'message_number',
      );
      return typeof number === 'number' && Number.isInteger(number) && number >= 1 && number <= messages
        ? BigInt(number)
        : -1n;
    });
  },
);

/** Sensei leaves out the chatbot's `Error: The server ...` turns (always English) before judging. */
function withoutServerErrors(host: HelperHost, budget: Budget): { speaker: string; text: string }[] {
  const steps: { speaker: string; text: string }[] = [];
  for (const { key, value } of stepEntries(host.interaction, budget)) {
    if (isChatbotKey(key) && typeof value === 'string' && value.startsWith('Error: The server')) continue;
    if (isChatbotKey(key) && typeof value !== 'string')
      throw new PyException('AttributeError', `'${shortTypeName(value)}' object has no attribute 'startswith'`);
    steps.push({
      speaker: lowerKey(key) === 'user' ? 'user' : isChatbotKey(key) ? 'chatbot' : pyStr(key),
      text: pyStr(value),
    });
  }
  return steps;
}

/** Offline: each chatbot reply against the user's last message, where both are long enough to tell. */
function sameLanguageOffline(
  detect: Parameters<typeof detectLanguage>[0],
  steps: readonly { speaker: string; text: string }[],
): boolean {
  let userLanguage: string | undefined;
  let compared = 0;
  for (const step of steps) {
    const language = detectLanguage(detect, step.text);
    if (step.speaker === 'user') {
      if (language !== undefined) userLanguage = language;
    } else if (step.speaker === 'chatbot' && language !== undefined && userLanguage !== undefined) {
      compared++;
      if (language !== userLanguage) return false;
    }
  }
  if (compared > 0) return true;
  const joined = (speaker: string) =>
    steps
      .filter((s) => s.speaker === speaker)
      .map((s) => s.text)
      .join('\n');
  const user = detectLanguage(detect, joined('user'));
  const bot = detectLanguage(detect, joined('chatbot'));
  return user === undefined || bot === undefined || user === bot;
}

const RESPONDS_IN_SAME_LANGUAGE = defineHelper('responds_in_same_language', [], (_args, host, budget) => {
  const steps = withoutServerErrors(host, budget);
  if (steps.length <= 1) return true;
  if (host.model?.offline !== false)
    return answered(host, 'responds_in_same_language()', async () => sameLanguageOffline(await loadDetector(), steps));
  const model = host.model;
  const conversation = steps
    .map((s) => `${s.speaker === 'user' ? 'User' : s.speaker === 'chatbot' ? 'Assistant' : s.speaker} : ${s.text}`)
    .join('\n');
  return answered(
    host,
    'responds_in_same_language()',
    async () =>
      field(
        await ask(model, host, sameLanguagePrompt(conversation), booleanAnswer('same_language')),
        'same_language',
      ) === true,
  );
});

/** The helpers that ask the model (the language ones detect locally with --model offline). */
export const LLM_HELPERS = [
  SEMANTIC_CONTENT,
  LANGUAGE,
  TONE,
  ONLY_TALKS_ABOUT,
  UTTERANCE_INDEX,
  RESPONDS_IN_SAME_LANGUAGE,
];
