import type {
  CheckCounts,
  CheckDiff,
  ConversationDiff,
  ConversationKey,
  Delta,
  PairTest,
  RunDiff,
} from './diff-runs.ts';
import type { Outcome } from './outcome.ts';

const name = (k: ConversationKey) => `${k.folder}/${k.index}${k.trial === 1 ? '' : ` trial ${k.trial}`}`;
const value = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
const pValue = (p: number) => (p >= 0.001 ? p.toFixed(4) : p.toExponential(2));
const outcomeText = (o: Outcome) => (o.kind === 'excluded' ? o.why : o.kind);

function deltaText(d: Delta, unit: (n: number) => string): string {
  if (d.before === null || d.after === null || d.delta === null)
    return `${d.before === null ? 'unknown' : unit(d.before)} → ${d.after === null ? 'unknown' : unit(d.after)}`;
  return `${unit(d.before)} → ${unit(d.after)} (${d.delta >= 0 ? '+' : '-'}${unit(Math.abs(d.delta))})`;
}

function testLine(label: string, t: PairTest, alpha: number): string {
  const verdict = t.significantRegression
    ? `SIGNIFICANT REGRESSION (p < ${alpha})`
    : t.regressions > t.fixes
      ? `not significant at ${alpha}`
      : 'no regression';
  return `${label}: ${t.pairs} pass/fail pairs, ${t.regressions} pass→fail, ${t.fixes} fail→pass, McNemar p = ${pValue(t.pValue)}: ${verdict}`;
}

function flipLine(d: ConversationDiff): string {
  const why = [
    d.stopReason ? `stop reason ${d.stopReason.before} → ${d.stopReason.after}` : '',
    ...d.checkFlips.map((c) => `${c.kind} ${c.name} ${c.before ? 'held' : 'failed'} → ${c.after ? 'held' : 'failed'}`),
  ].filter(Boolean);
  return `  ${name(d.key)}${why.length > 0 ? `: ${why.join('; ')}` : ''}`;
}

const countsText = (c: CheckCounts | undefined) =>
  c === undefined ? 'absent' : `${c.pass} pass, ${c.fail} fail, ${c.notApplicable} n/a`;

function checkLine(c: CheckDiff, alpha: number): string {
  const counts = `${countsText(c.before)} → ${countsText(c.after)}`;
  if (c.pairs === 0) return `  ${c.kind} ${c.name}: ${c.change}: ${counts}`;
  return `  ${testLine(`${c.kind} ${c.name} (${c.change}; ${counts})`, c, alpha)}`;
}

/** The diff for a person: the tests first, then what flipped, what changed, and the totals. */
export function formatDiffText(diff: RunDiff): string {
  const lines = [
    `simsim diff: ${diff.before.dir} (${diff.before.serial}) → ${diff.after.dir} (${diff.after.serial})`,
    '',
  ];
  for (const p of diff.profiles)
    lines.push(
      testLine(`${p.folder} (${p.matched} matched${p.excluded > 0 ? `, ${p.excluded} left out` : ''})`, p, diff.alpha),
    );
  lines.push(testLine(`overall (${diff.conversations.length} matched)`, diff.overall, diff.alpha));
  const checks = [...diff.rules, ...diff.expectations].filter((c) => c.change !== 'same');
  if (checks.length > 0) lines.push('', 'rules and expectations:', ...checks.map((c) => checkLine(c, diff.alpha)));
  const regressions = diff.conversations.filter((d) => d.flip === 'regression');
  const fixes = diff.conversations.filter((d) => d.flip === 'fix');
  if (regressions.length > 0) lines.push('', 'pass → fail:', ...regressions.map(flipLine));
  if (fixes.length > 0) lines.push('', 'fail → pass:', ...fixes.map(flipLine));
  const checkOnly = diff.conversations.filter((d) => d.flip === undefined && d.checkFlips.length > 0);
  if (checkOnly.length > 0) lines.push('', 'rules and expectations that changed:', ...checkOnly.map(flipLine));
  const outputs = diff.conversations.filter((d) => d.outputs.length > 0);
  if (outputs.length > 0) {
    lines.push('', 'outputs that changed:');
    for (const d of outputs)
      lines.push(
        `  ${name(d.key)}: ${d.outputs.map((o) => `${o.name} ${value(o.before)} → ${value(o.after)}`).join('; ')}`,
      );
  }
  const stops = diff.conversations.filter((d) => d.stopReason !== undefined && d.flip === undefined);
  if (stops.length > 0)
    lines.push(
      '',
      'stop reasons that changed:',
      ...stops.map((d) => `  ${name(d.key)}: ${d.stopReason?.before ?? ''} → ${d.stopReason?.after ?? ''}`),
    );
  const left = diff.conversations.filter((d) => d.before.kind === 'excluded' || d.after.kind === 'excluded');
  if (left.length > 0)
    lines.push(
      '',
      'left out of the test:',
      ...left.map((d) => `  ${name(d.key)}: ${outcomeText(d.before)} → ${outcomeText(d.after)}`),
    );
  if (diff.onlyBefore.length > 0) lines.push('', `only in the first run: ${diff.onlyBefore.map(name).join(', ')}`);
  if (diff.onlyAfter.length > 0) lines.push('', `only in the second run: ${diff.onlyAfter.map(name).join(', ')}`);
  lines.push(
    '',
    `cost: ${deltaText(diff.totals.costUsd, (n) => `$${n.toFixed(4)}`)}`,
    `turns: ${deltaText(diff.totals.turns, String)}`,
    `mean response time: ${deltaText(diff.totals.responseSeconds, (n) => `${n.toFixed(3)}s`)}`,
  );
  return `${lines.join('\n')}\n`;
}

const outcomeJson = (o: Outcome) => (o.kind === 'excluded' ? { outcome: 'excluded', why: o.why } : { outcome: o.kind });
const deltaJson = (d: Delta) => ({ before: d.before, after: d.after, delta: d.delta });

/** The diff as plain JSON data, for machines (`--json`). */
export function diffJson(diff: RunDiff): Record<string, unknown> {
  return {
    format: 'simsim-diff/1',
    before: diff.before,
    after: diff.after,
    alpha: diff.alpha,
    significant_regression: diff.significantRegression,
    overall: pairJson(diff.overall),
    profiles: diff.profiles.map((p) => ({
      test_name: p.testName,
      folder: p.folder,
      matched: p.matched,
      excluded: p.excluded,
      ...pairJson(p),
    })),
    conversations: diff.conversations.map((d) => ({
      test_name: d.key.testName,
      folder: d.key.folder,
      index: d.key.index,
      trial: d.key.trial,
      id_before: d.idBefore,
      id_after: d.idAfter,
      before: outcomeJson(d.before),
      after: outcomeJson(d.after),
      flip: d.flip ?? null,
      check_flips: d.checkFlips,
      outputs: d.outputs,
      stop_reason: d.stopReason ?? null,
      turns: deltaJson(d.turns),
      cost_usd: deltaJson(d.costUsd),
      response_seconds: deltaJson(d.responseSeconds),
    })),
    rules: diff.rules.map(checkJson),
    expectations: diff.expectations.map(checkJson),
    only_before: diff.onlyBefore,
    only_after: diff.onlyAfter,
    totals: {
      cost_usd: deltaJson(diff.totals.costUsd),
      turns: deltaJson(diff.totals.turns),
      mean_response_seconds: deltaJson(diff.totals.responseSeconds),
    },
  };
}

const countsJson = (c: CheckCounts | undefined) =>
  c === undefined ? null : { checks: c.checks, pass: c.pass, fail: c.fail, not_applicable: c.notApplicable };

function checkJson(c: CheckDiff): Record<string, unknown> {
  return {
    name: c.name,
    change: c.change,
    before: countsJson(c.before),
    after: countsJson(c.after),
    ...pairJson(c),
    regressed: c.regressed,
    fixed: c.fixed,
  };
}

function pairJson(t: PairTest): Record<string, unknown> {
  return {
    pairs: t.pairs,
    both_pass: t.bothPass,
    both_fail: t.bothFail,
    regressions: t.regressions,
    fixes: t.fixes,
    p_value: t.pValue,
    significant_regression: t.significantRegression,
  };
}
