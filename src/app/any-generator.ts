import type { JsonCompleter } from '../conversation/ports.ts';
import { stripPythonRawString } from '../base/python-regex.ts';
import type { AnyGenerator } from '../variables/data/any-items.ts';

const SYSTEM =
  'You write lists of example values for testing a chatbot. Answer with the list only, one value per item, no numbering, no explanations.';

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['answer'],
  properties: { answer: { type: 'array', items: { type: 'string' } } },
};

/** `any(<prompt>)` values from the LLM (our own wording of Sensei's request), one structured call per item. */
export function createLlmAnyGenerator(llm: JsonCompleter): AnyGenerator {
  return async (prompt, avoid, type) => {
    const lines = [`A list of: ${prompt}.`];
    if (type.description) lines.push(`Each value is ${type.description}.`);
    if (type.format)
      lines.push(`Each value must fully match this regular expression: ${stripPythonRawString(type.format)}`);
    if (avoid.length > 0) lines.push(`Do not include any of these: ${avoid.join('; ')}.`);
    const answer = (await llm.completeJson({ system: SYSTEM, user: lines.join('\n'), schema: SCHEMA })) as
      { answer?: unknown } | undefined;
    return Array.isArray(answer?.answer) ? answer.answer.filter((v): v is string => typeof v === 'string') : [];
  };
}
