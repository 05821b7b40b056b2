import type { ConversationResult, ModuleCost, StopReason } from '../conversation/types.ts';
import type { Verdict } from '../model/verdict.ts';
import { failedExpectations, failureReason, invalidOutputNames, missingOutputNames } from './conversation-verdict.ts';
import { totalCost } from './stats-report.ts';

/** What a reporter prints at the end of a run: per profile, then the whole run. */
export interface ProfileSummary {
  readonly testName: string;
  /** The Sensei folder its conversations went to (differs from testName on a name clash). */
  readonly folder: string;
  readonly profileFile: string;
  readonly conversations: number;
  /** Conversations that ended in errors or left outputs missing (`--fail-on errors`). */
  readonly failures: number;
  readonly interrupted: number;
  /** Conversations by verdict (interrupted ones have none). */
  readonly verdicts: Readonly<Record<Verdict, number>>;
  /** Conversations that failed an expectation (or could not evaluate one). */
  readonly failedExpectations: number;
  /** passed / (passed + failed + error): simulator faults and inconclusive ones say nothing about the chatbot; null when none counts. */
  readonly passRate: number | null;
  /** simulator faults / conversations with a verdict; null when none has one. */
  readonly simulatorFaultRate: number | null;
  readonly stopReasons: Partial<Record<StopReason, number>>;
  /** Missing outputs over all its conversations (a conversation missing 2 counts 2). */
  readonly missingOutputs: number;
  readonly invalidOutputs: number;
  readonly errorCodes: Readonly<Record<string, number>>;
  /** null when some price was unknown. */
  readonly costUsd: number | null;
  readonly seconds: number;
  /** The conversation files written for this profile (Sensei YAML and CSV), absolute. */
  readonly files: readonly string[];
}

export interface RunSummary {
  readonly serial: string;
  readonly conversations: number;
  readonly failures: number;
  readonly interrupted: number;
  readonly verdicts: Readonly<Record<Verdict, number>>;
  readonly failedExpectations: number;
  readonly passRate: number | null;
  readonly simulatorFaultRate: number | null;
  readonly missingOutputs: number;
  readonly costUsd: number | null;
  readonly costByModule: Readonly<Record<string, ModuleCost>>;
  readonly seconds: number;
  readonly profiles: readonly ProfileSummary[];
  /** Every file written for the run, absolute. */
  readonly files: readonly string[];
}

export function sumModuleCosts(results: readonly ConversationResult[]): Record<string, ModuleCost> {
  const total: Record<string, ModuleCost> = {};
  for (const result of results) {
    for (const [name, cost] of Object.entries(result.cost.byModule)) {
      const prev = total[name];
      total[name] = prev
        ? {
            calls: prev.calls + cost.calls,
            inputTokens: prev.inputTokens + cost.inputTokens,
            outputTokens: prev.outputTokens + cost.outputTokens,
            usd: prev.usd === null || cost.usd === null ? null : prev.usd + cost.usd,
          }
        : { ...cost };
    }
  }
  return total;
}

export function verdictCounts(results: readonly ConversationResult[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { passed: 0, failed: 0, inconclusive: 0, error: 0, simulator_fault: 0 };
  for (const result of results) if (result.verdict !== undefined) counts[result.verdict]++;
  return counts;
}

/** The chatbot's pass rate and the simulator's fault rate over the conversations that have a verdict. */
export function verdictRates(verdicts: Readonly<Record<Verdict, number>>): {
  passRate: number | null;
  simulatorFaultRate: number | null;
} {
  const judged = verdicts.passed + verdicts.failed + verdicts.error;
  const all = judged + verdicts.inconclusive + verdicts.simulator_fault;
  return {
    passRate: judged === 0 ? null : verdicts.passed / judged,
    simulatorFaultRate: all === 0 ? null : verdicts.simulator_fault / all,
  };
}

const failedExpectationCount = (results: readonly ConversationResult[]) =>
  results.filter((r) => failedExpectations(r).length > 0).length;

export function profileSummary(
  folder: string,
  results: readonly ConversationResult[],
  files: readonly string[] = [],
): ProfileSummary {
  const first = results[0];
  const verdicts = verdictCounts(results);
  const stopReasons: Partial<Record<StopReason, number>> = {};
  const errorCodes: Record<string, number> = {};
  for (const result of results) {
    stopReasons[result.stopReason] = (stopReasons[result.stopReason] ?? 0) + 1;
    for (const error of result.errors) errorCodes[String(error.code)] = (errorCodes[String(error.code)] ?? 0) + 1;
  }
  return {
    testName: first?.testName ?? folder,
    folder,
    profileFile: first?.profileFile ?? '',
    conversations: results.length,
    failures: results.filter((r) => failureReason(r) !== undefined).length,
    interrupted: results.filter((r) => r.status === 'interrupted').length,
    verdicts,
    failedExpectations: failedExpectationCount(results),
    ...verdictRates(verdicts),
    stopReasons,
    missingOutputs: results.reduce((n, r) => n + missingOutputNames(r).length, 0),
    invalidOutputs: results.reduce((n, r) => n + invalidOutputNames(r).length, 0),
    errorCodes,
    costUsd: totalCost(results),
    seconds: results.reduce((s, r) => s + r.timing.conversationSeconds, 0),
    files,
  };
}

export function runSummary(
  serial: string,
  groups: readonly {
    readonly folder: string;
    readonly results: readonly ConversationResult[];
    readonly files?: readonly string[];
  }[],
  files: readonly string[],
): RunSummary {
  const profiles = groups.map((g) => profileSummary(g.folder, g.results, g.files));
  const all = groups.flatMap((g) => g.results);
  const verdicts = verdictCounts(all);
  return {
    serial,
    conversations: all.length,
    failures: profiles.reduce((n, p) => n + p.failures, 0),
    interrupted: profiles.reduce((n, p) => n + p.interrupted, 0),
    verdicts,
    failedExpectations: profiles.reduce((n, p) => n + p.failedExpectations, 0),
    ...verdictRates(verdicts),
    missingOutputs: profiles.reduce((n, p) => n + p.missingOutputs, 0),
    costUsd: totalCost(all),
    costByModule: sumModuleCosts(all),
    seconds: profiles.reduce((s, p) => s + p.seconds, 0),
    profiles,
    files,
  };
}
