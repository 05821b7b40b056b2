import type { ConversationResult } from '../../conversation/types.ts';
import { failureReason, invalidOutputNames, missingOutputNames } from '../../output/conversation-verdict.ts';
import type { RunInfo } from './run-info.ts';
import { testCaseRecord } from '../../output/test-case-record.ts';
import type { ProfileSummary, RunSummary, RunTokens } from '../../output/run-summary.ts';
import { verdictRecord } from '../../output/verdict-record.ts';
import { profileTrialsJson, trialsJson } from '../../output/trials.ts';

/** `run.json`: the run manifest, for machines and for resuming. */
export interface ManifestConversation {
  readonly result: ConversationResult;
  readonly folder: string;
  /** Files of this conversation, relative to the run folder. */
  readonly files: readonly string[];
  /** The conversation's results of single-conversation rules (rules checked at the end of the run). */
  readonly rules?: readonly { readonly rule: string; readonly status: string; readonly message?: string }[] | undefined;
  /** A replayed conversation: how its replies compare with the recorded ones. */
  readonly replay?: Readonly<Record<string, unknown>> | undefined;
}

/** Reply parts and speech of one conversation, when it had any: what was opened, what not, and the word error rates. */
function mediaSummary(result: ConversationResult): Record<string, unknown> {
  const parts = result.turns.flatMap((turn, index) =>
    (turn.parts ?? []).map((part) => ({
      turn: index,
      kind: part.kind,
      url: part.url ?? null,
      title: part.title ?? null,
      status: part.status,
      note: part.note ?? null,
    })),
  );
  const rates = result.turns.flatMap((turn) =>
    turn.speech?.wer === undefined ? [] : [{ turn: result.turns.indexOf(turn), role: turn.role, wer: turn.speech.wer }],
  );
  const audio = result.turns.filter((turn) => turn.speech?.audio !== undefined).length;
  const out: Record<string, unknown> = {};
  if (parts.length > 0) out['parts'] = parts;
  if (audio > 0)
    out['speech'] = {
      audio_files: audio,
      word_error_rates: rates,
      mean_wer: rates.length === 0 ? null : rates.reduce((sum, r) => sum + r.wer, 0) / rates.length,
    };
  return out;
}

/** The verdict counts and rates of a profile or of the run. */
function verdictTotals(
  summary: Pick<ProfileSummary, 'verdicts' | 'failedExpectations' | 'passRate' | 'simulatorFaultRate'>,
) {
  return {
    verdicts: summary.verdicts,
    failed_expectations: summary.failedExpectations,
    pass_rate: summary.passRate,
    simulator_faults: summary.verdicts.simulator_fault,
    simulator_fault_rate: summary.simulatorFaultRate,
  };
}

/** One conversation's entry in run.json. */
export function manifestConversation({
  result,
  folder,
  files: own,
  rules,
  replay,
}: ManifestConversation): Record<string, unknown> {
  return {
    id: result.id,
    test_name: result.testName,
    folder,
    profile: result.profileFile,
    index: result.index,
    ...(result.trial === undefined ? {} : { trial: result.trial }),
    seed: result.seed,
    status: result.status,
    passed:
      result.verdict === undefined
        ? failureReason(result) === undefined && result.status !== 'interrupted'
        : result.verdict === 'passed',
    ...verdictRecord(result),
    ...(result.simulatedUser === undefined ? {} : { simulated_user: result.simulatedUser }),
    stop_reason: result.stopReason,
    stop_detail: result.stopDetail,
    error_codes: result.errors.map((e) => e.code),
    errors: result.errors,
    simulator_issues: result.simulatorIssues,
    missing_outputs: missingOutputNames(result),
    invalid_outputs: invalidOutputNames(result),
    turns: result.turns.length,
    ...(result.testCase === undefined ? {} : { test_case: testCaseRecord(result) }),
    ...mediaSummary(result),
    timing: result.timing,
    cost: result.cost,
    ...(rules === undefined ? {} : { rules }),
    ...(replay === undefined ? {} : { replay }),
    files: own,
  };
}

/** run.json without its conversations: they go where `conversations` holds the placeholder. */
export function manifestWithout<T>(
  info: RunInfo,
  conversations: T,
  summary: RunSummary,
  files: readonly string[],
  tokens?: RunTokens,
  check?: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const started = Date.parse(info.startedAt);
  const ended = Date.parse(info.endedAt);
  return {
    format: 'simsim-run/1',
    simsim: info.simsimVersion,
    serial: info.serial,
    seed: info.seed,
    options: info.options,
    started_at: info.startedAt,
    ended_at: info.endedAt,
    seconds: Number.isFinite(ended - started) ? (ended - started) / 1000 : null,
    stop_reason: info.stopReason,
    forced_resume:
      info.forcedResume === undefined || info.forcedResume.length === 0
        ? null
        : { profiles: info.forcedResume.map((c) => ({ file: c.file, started_with: c.startedWith, now: c.now })) },
    ...(info.replayOf === undefined ? {} : { replay_of: info.replayOf }),
    profiles: info.profiles.map((p) => {
      const own = summary.profiles.find((s) => s.profileFile === p.file);
      const folder = own?.folder ?? null;
      const trials = summary.trials?.profiles.find((t) => t.folder === folder);
      return {
        file: p.file,
        test_name: p.testName,
        hash: p.hash,
        folder,
        ...(own === undefined ? {} : verdictTotals(own)),
        ...(trials === undefined ? {} : profileTrialsJson(trials)),
      };
    }),
    totals: {
      conversations: summary.conversations,
      failures: summary.failures,
      interrupted: summary.interrupted,
      missing_outputs: summary.missingOutputs,
      ...verdictTotals(summary),
      cost_usd: summary.costUsd,
      cost_by_module: summary.costByModule,
      llm_calls: info.spend?.calls ?? null,
      cost_unsettled_usd: info.spend?.unsettledUsd ?? null,
      cost_journal: info.costJournal ?? null,
      conversation_seconds: summary.seconds,
      ...(tokens === undefined
        ? {}
        : {
            tokens: {
              input: tokens.input,
              output: tokens.output,
              input_per_conversation: tokens.inputPerConversation,
              output_per_conversation: tokens.outputPerConversation,
            },
          }),
    },
    ...(summary.trials === undefined ? {} : { trials: trialsJson(summary.trials) }),
    ...(summary.minPassRate === undefined
      ? {}
      : {
          min_pass_rate: {
            threshold: summary.minPassRate.threshold,
            below: summary.minPassRate.below.map((b) => ({
              folder: b.folder,
              test_name: b.testName,
              pass_rate: b.passRate,
            })),
          },
        }),
    conversations,
    ...(check === undefined ? {} : { check }),
    files,
  };
}
