/** What a judge decides about one criterion. */
export type JudgeVerdict = 'passed' | 'failed' | 'inconclusive';
export const JUDGE_VERDICTS: readonly JudgeVerdict[] = ['passed', 'failed', 'inconclusive'];

/** A quote of the chatbot with the turn (1-based, counting every message) it comes from. */
export interface Evidence {
  readonly turn: number;
  readonly quote: string;
}

/** The judge's structured answer. */
export interface JudgeAnswer {
  readonly reasoning: string;
  readonly verdict: JudgeVerdict;
  readonly evidence: readonly Evidence[];
}

export const JUDGE_SCHEMA_NAME = 'judge_verdict';

/** Properties in this order: models that follow the schema write the reasoning before the verdict. */
export const JUDGE_ANSWER_SCHEMA: Readonly<Record<string, unknown>> = {
  type: 'object',
  properties: {
    reasoning: {
      type: 'string',
      description: 'What in the transcript bears on the criterion, written before deciding.',
    },
    verdict: { type: 'string', enum: [...JUDGE_VERDICTS] },
    evidence: {
      type: 'array',
      description: "Exact quotes of the chatbot's messages the verdict rests on.",
      items: {
        type: 'object',
        properties: {
          turn: { type: 'integer', minimum: 1, description: 'The turn number of the chatbot message quoted.' },
          quote: { type: 'string', description: 'Words copied exactly from that message.' },
        },
        required: ['turn', 'quote'],
        additionalProperties: false,
      },
    },
  },
  required: ['reasoning', 'verdict', 'evidence'],
  additionalProperties: false,
};

/** For answers read back from the cache, which is a file anyone can edit. */
export function isJudgeAnswer(value: unknown): value is JudgeAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const answer = value as Record<string, unknown>;
  return (
    typeof answer['reasoning'] === 'string' &&
    JUDGE_VERDICTS.includes(answer['verdict'] as JudgeVerdict) &&
    Array.isArray(answer['evidence']) &&
    answer['evidence'].every((e: unknown) => {
      const item = e as Record<string, unknown> | null;
      return (
        typeof item === 'object' && item !== null && Number.isInteger(item['turn']) && typeof item['quote'] === 'string'
      );
    })
  );
}
