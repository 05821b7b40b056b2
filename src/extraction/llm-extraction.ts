import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import { newAjv2020 } from '../base/lazy-ajv.ts';
import type { ExtractedOutput, Turn } from '../conversation/types.ts';
import type { OutputSpec } from '../model/output-type.ts';
import type { JsonCompleter } from '../conversation/ports.ts';
import { chatbotWords, ungrounded } from './grounding.ts';
import { normalizeLlmValue } from './normalize-value.ts';
import { outputPropertySchema, outputsSchema } from './output-schema.ts';
import { transcriptForModel } from './transcript-text.ts';

/**
 * The LLM path: one structured call for every output the patterns could not settle. Each
 * property is validated on its own, so one bad value is recorded `invalid` and the rest are kept;
 * a value that fits but that no chatbot message says is recorded `unsupported`.
 */
let ajv: Ajv2020 | undefined;

function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function extractionPrompt(
  specs: readonly OutputSpec[],
  history: readonly Turn[],
  now: Date,
): { system: string; user: string } {
  const system = [
    'You read a conversation between a user and a chatbot and report values the chatbot gave.',
    'Report a value only when the chatbot itself stated, provided or confirmed it; the user saying it is not enough.',
    'When the chatbot did not give a value, answer null for it. Never guess and never invent.',
    `Today is ${isoDay(now)}.`,
  ].join(' ');
  const wanted = specs
    .map((s) => `- ${s.name} (${s.typeText}): ${String(outputPropertySchema(s)['description'])}`)
    .join('\n');
  const user = `Conversation:\n${transcriptForModel(history)}\n\nValues to report:\n${wanted}`;
  return { system, user };
}

export async function extractByLlm(
  specs: readonly OutputSpec[],
  history: readonly Turn[],
  completer: JsonCompleter,
  now: Date,
  signal?: AbortSignal,
): Promise<ExtractedOutput[]> {
  if (specs.length === 0) return [];
  const { system, user } = extractionPrompt(specs, history, now);
  const answer = await completer.completeJson({ system, user, schema: outputsSchema(specs), signal });
  const record =
    typeof answer === 'object' && answer !== null && !Array.isArray(answer) ? (answer as Record<string, unknown>) : {};
  const words = chatbotWords(history);
  return specs.map((spec) => {
    const value = record[spec.name];
    const validate: ValidateFunction = (ajv ??= newAjv2020({ strict: false, allowUnionTypes: true })).compile(
      outputPropertySchema(spec),
    );
    const output = normalizeLlmValue(spec, value, validate(value === undefined ? null : value), { now });
    if (output.status !== 'ok') return output;
    const why = ungrounded(spec, output.value, value, words, { now });
    return why === undefined
      ? output
      : { name: spec.name, value: null, status: 'unsupported', raw: output.raw, method: 'llm', note: why };
  });
}
