export {
  DEFAULT_ALPHA,
  diffRuns,
  type Change,
  type CheckChange,
  type CheckCounts,
  type CheckDiff,
  type CheckFlip,
  type CheckKind,
  type ConversationDiff,
  type ConversationKey,
  type Delta,
  type Flip,
  type PairTest,
  type ProfileDiff,
  type RunDiff,
} from './diff-runs.ts';
export { diffJson, formatDiffText } from './format.ts';
export { outcomeOf, type Outcome } from './outcome.ts';
export { MAX_RUN_FILE_BYTES, readRunFolder } from './read-run.ts';
export type { RuleTotals, RunConversation, RunSnapshot } from './run-snapshot.ts';
