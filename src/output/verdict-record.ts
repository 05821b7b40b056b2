import type { ConversationResult } from '../conversation/types.ts';

/**
 * A conversation's verdict as run.json, conversations.jsonl and the Sensei YAML's `simsim:` key
 * record it (snake_case keys, absent parts left out). `simsim diff` and the HTML report read
 * `verdict` and `expectations[].expectation`/`verdict`/`reason`/`evidence`.
 */
export function verdictRecord(result: ConversationResult): Record<string, unknown> {
  if (result.verdict === undefined) return {};
  return {
    verdict: result.verdict,
    expectations: (result.expectations ?? []).map((e) => ({
      expectation: e.expectation,
      kind: e.kind,
      verdict: e.verdict,
      reason: e.reason,
      evidence: e.evidence.map((q) => ({ turn: q.turn, quote: q.quote })),
      ...(e.samples === undefined ? {} : { samples: e.samples }),
      ...(e.calls === undefined ? {} : { calls: e.calls, cache_hits: e.cacheHits ?? 0, cost_usd: e.costUsd ?? null }),
    })),
    simulator_faults: (result.simulatorFaults ?? []).map((f) => ({ kind: f.kind, reason: f.reason, turns: f.turns })),
    ...(result.attempts === undefined || result.attempts.length === 0
      ? {}
      : {
          attempts: result.attempts.map((a) => ({
            attempt: a.attempt,
            seed: a.seed,
            verdict: a.verdict,
            stop_reason: a.stopReason,
            turns: a.turns,
            simulator_faults: a.simulatorFaults.map((f) => ({ kind: f.kind, reason: f.reason, turns: f.turns })),
          })),
        }),
  };
}
