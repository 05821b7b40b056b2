import { asArray, asRecord, singleEntry } from '../../../base/access.ts';
import type { ProfileContext } from './context.ts';

/**
 * `chatbot.expect` and the outputs' `expect:` (expectation-expressions.ts), checked only when the
 * profile has some: the expression parser and the helpers' registry load then, not for every run.
 */
export async function checkExpectations(ctx: ProfileContext): Promise<void> {
  const chatbot = asRecord(ctx.profile['chatbot']);
  if (!chatbot) return;
  const expects =
    (asArray(chatbot['expect']) ?? []).length > 0 ||
    (asArray(chatbot['output']) ?? []).some((output) => asRecord(singleEntry(output)?.[1])?.['expect'] !== undefined);
  if (expects) (await import('./expectation-expressions.ts')).checkExpectationExpressions(ctx);
}
