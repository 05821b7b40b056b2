import { conversationCount } from '../../../variables/conversation-count.ts';
import { parseConversationNumber } from '../../../model/conversation-number.ts';
import { chainNames, largestForward } from '../../../variables/forward-chains.ts';
import { pairwiseLowerBound } from '../../../variables/pairwise/generate.ts';
import { PlanError } from '../../../variables/plan-error.ts';
import { conversationLimitHint, countText } from '../../../variables/plan-limits.ts';
import { fewestValues } from '../../../variables/value-count.ts';
import { asRecord, asString } from '../../../base/access.ts';
import type { ProfileContext } from './context.ts';

/**
 * The plan must fit the conversation limit (run.yml's max_conversations): a fixed number over
 * it, `combinations` over forward chains or pairwise() groups that multiply past it, and a
 * pairwise() group whose rows alone pass it. Counts use the fewest values each variable can
 * have, so a list function or any() can only make the real plan bigger; planning checks again.
 */
export function checkPlanSize(ctx: ProfileContext): void {
  const variables = ctx.variables;
  const max = ctx.maxConversations;
  const fewest = new Map(
    variables.map((v) => [v.name, fewestValues(asString(v.definition['type']), v.definition['data'])]),
  );
  const length = (name: string) => fewest.get(name) ?? 0;

  const pairwise = variables.filter((v) => v.fn?.kind === 'pairwise');
  const pairwiseRows = pairwiseLowerBound(pairwise.map((v) => length(v.name)));
  const first = pairwise[0];
  if (first !== undefined && pairwiseRows > max) {
    ctx.sink.error(
      'var-too-many-values',
      [...first.path, 'function'],
      `pairwise() over ${pairwise.map((v) => `\`${v.name}\``).join(', ')} makes at least ${countText(pairwiseRows)} combinations, more than the limit of ${countText(max)} conversations`,
      {
        hint: `Give these variables fewer values. ${conversationLimitHint(max)}`,
      },
    );
  }

  const forwards = variables.flatMap((v) => (v.fn?.kind === 'forward' ? [{ name: v.name, target: v.fn.target }] : []));
  const forward = largestForward(chainNames(forwards), length);
  const parsed = parseConversationNumber(asRecord(ctx.profile['conversation'])?.['number']);
  if (!parsed.ok) return;
  let planned: { count: number; explanation: string };
  try {
    planned = conversationCount(parsed.value, {
      forward: forward.count,
      forwardSource: forward.source,
      pairwise: pairwiseRows,
    });
  } catch (error) {
    if (error instanceof PlanError) return;
    throw error;
  }
  if (planned.count <= max) return;
  const atLeast = parsed.value.kind === 'fixed' || !Number.isFinite(planned.count) ? '' : 'at least ';
  ctx.sink.error(
    'plan-too-large',
    ['conversation', 'number'],
    `this profile plans ${atLeast}${countText(planned.count)} conversations (${planned.explanation}), more than the limit of ${countText(max)} per profile`,
    {
      hint: conversationLimitHint(max),
    },
  );
}
