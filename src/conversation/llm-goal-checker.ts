import { BudgetExceededError } from '../cost/errors.ts';
import { goalKey } from './goal-style.ts';
import type { GoalChecker, JsonCompleter } from './ports.ts';
import { transcriptText } from './transcript-text.ts';
import type { GoalCheck, Turn } from './types.ts';

const SYSTEM = [
  'You review a conversation between a user and a chatbot that is being tested.',
  'For each numbered goal, decide whether the chatbot (the Assistant) has answered it, confirmed it or provided what it asks for.',
  'Judge only what the Assistant said; what the User says does not count. A refusal, a question back or a promise to answer later is not an answer.',
  "When a goal is answered, quote the part of the Assistant's messages that answers it; otherwise give null.",
].join(' ');

function schemaFor(count: number): Record<string, unknown> {
  const item = {
    type: 'object',
    additionalProperties: false,
    required: ['answered', 'evidence'],
    properties: { answered: { type: 'boolean' }, evidence: { type: ['string', 'null'] } },
  };
  const properties = Object.fromEntries(Array.from({ length: count }, (_, i) => [`goal_${i + 1}`, item]));
  return { type: 'object', additionalProperties: false, required: Object.keys(properties), properties };
}

/**
 * The all_answered check after each chatbot message: one structured LLM call over the whole
 * transcript. If the call fails the previous register is kept (as Sensei does), so one bad
 * answer never ends a conversation early; the failure is reported, so the conversation records it.
 */
export function createLlmGoalChecker(llm: JsonCompleter): GoalChecker {
  let previous: GoalCheck[] | undefined;
  return {
    async check(
      goals: readonly string[],
      history: readonly Turn[],
      signal?: AbortSignal,
      report?: (issue: string) => void,
    ): Promise<GoalCheck[]> {
      const user = `Goals:\n${goals.map((g, i) => `goal_${i + 1}: ${g}`).join('\n')}\n\nConversation:\n${transcriptText(history)}`;
      const empty = goals.map((goal) => ({ goal, key: goalKey(goal), answered: false, evidence: null }));
      let answer: unknown;
      try {
        answer = await llm.completeJson({ system: SYSTEM, user, schema: schemaFor(goals.length), signal });
      } catch (error) {
        if (signal?.aborted || error instanceof BudgetExceededError) throw error;
        const kept = previous === undefined ? 'no goal counts as answered' : 'the previous answers stand';
        report?.(`the goal check failed (${kept}): ${error instanceof Error ? error.message : String(error)}`);
        return previous ?? empty;
      }
      const record = (answer ?? {}) as Record<string, { answered?: unknown; evidence?: unknown } | undefined>;
      previous = goals.map((goal, i) => {
        const entry = record[`goal_${i + 1}`];
        const answered = entry?.answered === true;
        return {
          goal,
          key: goalKey(goal),
          answered,
          evidence: answered && typeof entry?.evidence === 'string' ? entry.evidence : null,
        };
      });
      return previous;
    },
  };
}
