import { asRecord, asString } from '../../../base/access.ts';
import { conversationCount } from '../../../variables/conversation-count.ts';
import { parseConversationNumber } from '../../../model/conversation-number.ts';
import { chainNames, largestForward } from '../../../variables/forward-chains.ts';
import { pairwiseLowerBound, pairwiseRows } from '../../../variables/pairwise/generate.ts';
import { PlanError } from '../../../variables/plan-error.ts';
import { pairwiseRepeatMessage } from '../../../variables/plan-limits.ts';
import { knownValueCount } from '../../../variables/value-count.ts';
import type { ProfileContext } from './context.ts';

/**
 * More conversations than pairwise() rows: the rows repeat (Sensei crashes). Reported here when
 * every variable's number of values is known without running anything (no list function, no
 * any()); planning reports it from the real values otherwise.
 */
export function checkPlanRepeats(ctx: ProfileContext): void {
  const pairwise = ctx.variables.filter((v) => v.fn?.kind === 'pairwise');
  if (pairwise.length === 0) return;
  const counts = new Map(
    ctx.variables.map((v) => [v.name, knownValueCount(asString(v.definition['type']), v.definition['data'])]),
  );
  if ([...counts.values()].some((n) => n === undefined || n === 0)) return;
  const length = (name: string) => counts.get(name) ?? 0;
  const lengths = pairwise.map((v) => length(v.name));
  if (pairwiseLowerBound(lengths) > ctx.maxConversations) return;
  const rows = pairwiseRows(lengths).length;
  const parsed = parseConversationNumber(asRecord(ctx.profile['conversation'])?.['number']);
  if (!parsed.ok) return;
  const forwards = ctx.variables.flatMap((v) =>
    v.fn?.kind === 'forward' ? [{ name: v.name, target: v.fn.target }] : [],
  );
  const forward = largestForward(chainNames(forwards), length);
  let count: number;
  try {
    count = conversationCount(parsed.value, {
      forward: forward.count,
      forwardSource: forward.source,
      pairwise: rows,
    }).count;
  } catch (error) {
    if (error instanceof PlanError) return;
    throw error;
  }
  if (count > rows && count <= ctx.maxConversations) {
    ctx.sink.warning('plan-rows-repeat', ['conversation', 'number'], pairwiseRepeatMessage(count, rows));
  }
}
