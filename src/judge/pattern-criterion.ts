import type { Turn } from '../conversation/types.ts';
import type { Evidence } from './answer.ts';
import { criterionLabel, type PatternCriterion } from '../model/expectation.ts';
import { compileSearch } from '../model/search-pattern.ts';
import type { CriterionResult } from './result.ts';

/** Matches quoted as evidence for never_says; more would only bury the first. */
const MAX_QUOTED_MATCHES = 5;

function result(
  criterion: PatternCriterion,
  verdict: CriterionResult['verdict'],
  reason: string,
  evidence: readonly Evidence[] = [],
): CriterionResult {
  return {
    criterion,
    label: criterionLabel(criterion),
    verdict,
    reason,
    evidence,
    samples: [],
    calls: 0,
    cacheHits: 0,
    costUsd: 0,
  };
}

/**
 * `says:` passes when some chatbot message matches the regular expression (re.search), and
 * `never_says:` when none does. Both are checked offline, on the chatbot's messages only
 * (connector errors are not its words); a conversation without any chatbot message is
 * inconclusive for both.
 */
export function evaluatePattern(criterion: PatternCriterion, turns: readonly Turn[]): CriterionResult {
  const compiled = compileSearch(criterion.pattern);
  if (!compiled.ok) return result(criterion, 'inconclusive', `the pattern cannot be used: ${compiled.message}`);
  const replies = turns
    .map((turn, i) => ({ turn, number: i + 1 }))
    .filter(({ turn }) => turn.role === 'assistant' && turn.error === undefined);
  if (replies.length === 0) return result(criterion, 'inconclusive', 'the chatbot sent no message to check');
  const matches: Evidence[] = [];
  for (const { turn, number } of replies) {
    const match = compiled.regex.exec(turn.text);
    if (match) matches.push({ turn: number, quote: match[0] });
  }
  const first = matches[0];
  if (criterion.kind === 'says') {
    return first === undefined
      ? result(criterion, 'failed', `no chatbot message matches ${criterion.pattern}`)
      : result(criterion, 'passed', `turn ${first.turn} says "${first.quote}"`, [first]);
  }
  if (first === undefined) return result(criterion, 'passed', `no chatbot message matches ${criterion.pattern}`);
  const turnsText = matches.map((m) => m.turn).join(', ');
  return result(
    criterion,
    'failed',
    `turn ${first.turn} says "${first.quote}"${matches.length > 1 ? ` (matches in turns ${turnsText})` : ''}`,
    matches.slice(0, MAX_QUOTED_MATCHES),
  );
}
