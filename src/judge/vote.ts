import { JUDGE_VERDICTS, type JudgeVerdict } from './answer.ts';

/**
 * The verdict most samples gave; a tie for the most votes is inconclusive (2 passed, 2 failed;
 * or passed, failed, inconclusive), since the judge itself could not make up its mind.
 */
export function majorityVerdict(verdicts: readonly JudgeVerdict[]): JudgeVerdict {
  if (verdicts.length === 0) return 'inconclusive';
  const counts = JUDGE_VERDICTS.map((verdict) => ({ verdict, count: verdicts.filter((v) => v === verdict).length }));
  const top = Math.max(...counts.map((c) => c.count));
  const leaders = counts.filter((c) => c.count === top);
  return leaders.length === 1 ? (leaders[0]?.verdict ?? 'inconclusive') : 'inconclusive';
}
