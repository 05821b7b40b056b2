import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffJson, diffRuns, formatDiffText, readRunFolder } from '../../src/diff/index.ts';
import { UsageError } from '../../src/base/errors.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Spec {
  readonly folder: string;
  readonly index: number;
  readonly passed: boolean;
  readonly trial?: number;
  readonly status?: string;
  readonly verdict?: string;
  readonly stop?: string;
  readonly price?: number | null;
  readonly cost?: number | null;
  readonly turns?: number;
  readonly times?: number[];
  readonly expectations?: { expectation: string; verdict: string }[];
}

/** A run folder in the format `simsim run` writes (only the keys a diff reads, plus a few more). */
function runFolder(serial: string, specs: readonly Spec[]): string {
  const dir = join(tempProject({}), 'out');
  dirs.push(join(dir, '..'));
  mkdirSync(dir, { recursive: true });
  const conversations = specs.map((s) => ({
    id: `${s.folder}/${s.index}`,
    test_name: s.folder,
    folder: s.folder,
    profile: `profiles/${s.folder}.yml`,
    index: s.index,
    ...(s.trial === undefined ? {} : { trial: s.trial }),
    ...(s.verdict === undefined ? {} : { verdict: s.verdict }),
    ...(s.expectations === undefined ? {} : { expectations: s.expectations }),
    status: s.status ?? (s.passed ? 'completed' : 'failed'),
    passed: s.passed,
    stop_reason: s.stop ?? (s.passed ? 'steps_reached' : 'chatbot_error'),
    turns: s.turns ?? 6,
    timing: {
      startedAt: '2026-01-01T00:00:00Z',
      endedAt: '2026-01-01T00:00:01Z',
      conversationSeconds: 1,
      responseTimes: s.times ?? [0.1, 0.2],
    },
    cost: { usd: s.cost === undefined ? 0.001 : s.cost, byModule: {} },
  }));
  writeFileSync(join(dir, 'run.json'), JSON.stringify({ format: 'simsim-run/1', serial, seed: '7', conversations }));
  const lines = specs.map((s) =>
    JSON.stringify({
      id: `${s.folder}/${s.index}`,
      ...(s.trial === undefined ? {} : { trial: s.trial }),
      test_name: s.folder,
      outputs: { price: s.price === undefined ? 12.5 : s.price },
    }),
  );
  writeFileSync(join(dir, 'conversations.jsonl'), `${lines.join('\n')}\n`);
  return dir;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * shop: 12 pass→fail, 2 fail→pass, 4 pass in both, 2 fail in both, 1 interrupted after, 1 only before.
 * faq: 5 pass→fail, a simulator fault, a trial 2 that regressed, and one conversation only after.
 */
function runs(): { before: string; after: string } {
  const before: Spec[] = [
    ...range(12).map((i) => ({ folder: 'shop', index: i, passed: true })),
    ...range(2).map((i) => ({ folder: 'shop', index: 12 + i, passed: false })),
    ...range(4).map((i) => ({ folder: 'shop', index: 14 + i, passed: true })),
    ...range(2).map((i) => ({ folder: 'shop', index: 18 + i, passed: false })),
    { folder: 'shop', index: 20, passed: true },
    { folder: 'shop', index: 21, passed: true },
    ...range(5).map((i) => ({
      folder: 'faq',
      index: i,
      passed: true,
      verdict: 'passed',
      expectations: [{ expectation: 'judge: polite', verdict: 'passed' }],
    })),
    { folder: 'faq', index: 5, passed: true, verdict: 'passed' },
    { folder: 'faq', index: 0, trial: 2, passed: true },
  ];
  const after: Spec[] = [
    ...range(12).map((i) => ({
      folder: 'shop',
      index: i,
      passed: false,
      price: i === 0 ? 13 : 12.5,
      cost: i === 1 ? null : 0.002,
    })),
    ...range(2).map((i) => ({ folder: 'shop', index: 12 + i, passed: true, stop: 'all_answered' })),
    ...range(4).map((i) => ({ folder: 'shop', index: 14 + i, passed: true, turns: 8, times: [0.3, 0.5] })),
    ...range(2).map((i) => ({ folder: 'shop', index: 18 + i, passed: false })),
    { folder: 'shop', index: 20, passed: false, status: 'interrupted', stop: 'interrupted' },
    ...range(5).map((i) => ({
      folder: 'faq',
      index: i,
      passed: true,
      verdict: 'failed',
      expectations: [{ expectation: 'judge: polite', verdict: i === 0 ? 'inconclusive' : 'failed' }],
    })),
    { folder: 'faq', index: 5, passed: true, verdict: 'simulator_fault' },
    { folder: 'faq', index: 0, trial: 2, passed: false },
    { folder: 'faq', index: 9, passed: true },
  ];
  return { before: runFolder('2026-01-01-00-00-00', before), after: runFolder('2026-01-02-00-00-00', after) };
}

describe('diff of two runs with a known set of flips', () => {
  it('counts the flips and gives the exact McNemar p-values', async () => {
    const { before, after } = runs();
    const diff = diffRuns(await readRunFolder(before), await readRunFolder(after));
    const shop = diff.profiles.find((p) => p.folder === 'shop');
    // shop: b = 12, c = 2, n = 14: p = 2 · (1 + 14 + 91) / 2^14 = 212 / 16384.
    expect(shop).toMatchObject({
      matched: 21,
      excluded: 1,
      pairs: 20,
      bothPass: 4,
      bothFail: 2,
      regressions: 12,
      fixes: 2,
      significantRegression: true,
    });
    expect(shop?.pValue).toBe(212 / 16384);
    // faq: b = 6 (5 verdicts failed + trial 2), c = 0: p = 2 / 64; the simulator fault is left out.
    const faq = diff.profiles.find((p) => p.folder === 'faq');
    expect(faq).toMatchObject({
      matched: 7,
      excluded: 1,
      pairs: 6,
      regressions: 6,
      fixes: 0,
      pValue: 2 / 64,
      significantRegression: true,
    });
    // overall: b = 18, c = 2, n = 20: p = 2 · (1 + 20 + 190) / 2^20 = 422 / 1048576.
    expect(diff.overall).toMatchObject({
      pairs: 26,
      regressions: 18,
      fixes: 2,
      pValue: 422 / 1048576,
      significantRegression: true,
    });
    expect(diff.significantRegression).toBe(true);

    expect(diff.onlyBefore).toEqual([{ testName: 'shop', folder: 'shop', index: 21, trial: 1 }]);
    expect(diff.onlyAfter).toEqual([{ testName: 'faq', folder: 'faq', index: 9, trial: 1 }]);
    const byName = (folder: string, index: number, trial = 1) =>
      diff.conversations.find((c) => c.key.folder === folder && c.key.index === index && c.key.trial === trial);
    expect(byName('shop', 0)).toMatchObject({
      flip: 'regression',
      outputs: [{ name: 'price', before: 12.5, after: 13 }],
      stopReason: { before: 'steps_reached', after: 'chatbot_error' },
    });
    expect(byName('shop', 1)?.costUsd).toEqual({ before: 0.001, after: null, delta: null });
    expect(byName('shop', 12)).toMatchObject({
      flip: 'fix',
      stopReason: { before: 'chatbot_error', after: 'all_answered' },
    });
    expect(byName('shop', 14)).toMatchObject({ flip: undefined, turns: { before: 6, after: 8, delta: 2 } });
    expect(byName('shop', 14)?.responseSeconds.delta).toBeCloseTo(0.25, 12);
    expect(byName('shop', 20)).toMatchObject({ flip: undefined, after: { kind: 'excluded', why: 'interrupted' } });
    expect(byName('faq', 0, 2)).toMatchObject({ flip: 'regression' });
    // Expectation flips: only those decided in both runs.
    expect(byName('faq', 0)?.checkFlips).toEqual([]);
    expect(byName('faq', 1)?.checkFlips).toEqual([
      { kind: 'expectation', name: 'judge: polite', before: true, after: false, flip: 'regression' },
    ]);
    expect(diff.totals.costUsd.after).toBeNull();
  });

  it('with few flips, or more fixes than regressions, nothing is significant', async () => {
    const before = runFolder('a', [
      ...range(3).map((i) => ({ folder: 'shop', index: i, passed: true })),
      ...range(6).map((i) => ({ folder: 'shop', index: 3 + i, passed: false })),
    ]);
    const after = runFolder('b', [
      ...range(3).map((i) => ({ folder: 'shop', index: i, passed: false })),
      ...range(6).map((i) => ({ folder: 'shop', index: 3 + i, passed: true })),
    ]);
    const diff = diffRuns(await readRunFolder(before), await readRunFolder(after));
    // b = 3, c = 6, n = 9: p = 2 · (1 + 9 + 36 + 84) / 512 = 260 / 512.
    expect(diff.overall).toMatchObject({ regressions: 3, fixes: 6, pValue: 260 / 512, significantRegression: false });
    const reversed = diffRuns(await readRunFolder(after), await readRunFolder(before));
    expect(reversed.overall).toMatchObject({
      regressions: 6,
      fixes: 3,
      pValue: 260 / 512,
      significantRegression: false,
    });
  });

  it('formats text and JSON', async () => {
    const { before, after } = runs();
    const diff = diffRuns(await readRunFolder(before), await readRunFolder(after), { alpha: 0.01 });
    const text = formatDiffText(diff);
    expect(text).toContain(
      'shop (21 matched, 1 left out): 20 pass/fail pairs, 12 pass→fail, 2 fail→pass, McNemar p = 0.0129: not significant at 0.01',
    );
    expect(text).toContain(
      'faq (7 matched, 1 left out): 6 pass/fail pairs, 6 pass→fail, 0 fail→pass, McNemar p = 0.0313: not significant at 0.01',
    );
    expect(text).toContain(
      'overall (28 matched): 26 pass/fail pairs, 18 pass→fail, 2 fail→pass, McNemar p = 4.02e-4: SIGNIFICANT REGRESSION (p < 0.01)',
    );
    expect(text).toContain(
      'pass → fail:\n  faq/0\n  faq/0 trial 2: stop reason steps_reached → chatbot_error\n  faq/1: expectation judge: polite held → failed\n',
    );
    // The expectation over the run: 4 pass→fail pairs (faq/0 is inconclusive after), p = 2 / 2^4.
    expect(text).toContain(
      'expectation judge: polite (regressed; 5 pass, 0 fail, 0 n/a → 0 pass, 4 fail, 1 n/a): 4 pass/fail pairs, 4 pass→fail, 0 fail→pass, McNemar p = 0.1250: not significant at 0.01',
    );
    expect(text).toContain('  shop/0: stop reason steps_reached → chatbot_error');
    expect(text).toContain('outputs that changed:\n  shop/0: price 12.5 → 13');
    expect(text).toContain('left out of the test:\n  faq/5: pass → simulator_fault\n  shop/20: pass → interrupted');
    expect(text).toContain('only in the first run: shop/21');
    expect(text).toContain('turns: 168 → 176 (+8)');
    const json = JSON.parse(JSON.stringify(diffJson(diff))) as Record<string, unknown>;
    expect(json).toMatchObject({
      format: 'simsim-diff/1',
      alpha: 0.01,
      significant_regression: true,
      overall: { regressions: 18, fixes: 2, p_value: 422 / 1048576 },
    });
  });

  it('a folder that is not a run is a clear usage error', async () => {
    const empty = tempProject({});
    dirs.push(empty);
    await expect(readRunFolder(empty)).rejects.toThrow(UsageError);
    await expect(readRunFolder(empty)).rejects.toThrow(
      `${empty} is not a readable simsim run folder: run.json is missing`,
    );
    writeFileSync(join(empty, 'run.json'), '{"format": "simsim-run/1", "conversations": []}');
    await expect(readRunFolder(empty)).rejects.toThrow('conversations.jsonl is missing');
    writeFileSync(join(empty, 'conversations.jsonl'), '{"id": "x"}\n{oops\n');
    await expect(readRunFolder(empty)).rejects.toThrow(/conversations\.jsonl:2 is not valid JSON/);
    writeFileSync(join(empty, 'run.json'), '{"serial": "x"}');
    await expect(readRunFolder(empty)).rejects.toThrow('run.json is not a simsim run manifest');
  });
});

describe('simsim diff (the command)', () => {
  it('exits 1 on a significant regression, 0 without one; --json prints the diff', async () => {
    const { before, after } = runs();
    const text = await runCli(['diff', before, after]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('SIGNIFICANT REGRESSION (p < 0.05)');
    const strict = await runCli(['diff', before, after, '--alpha', '0.0001', '--json']);
    expect(strict.code, strict.stderr).toBe(0);
    expect((JSON.parse(strict.stdout) as { significant_regression: boolean }).significant_regression).toBe(false);
    const same = await runCli(['diff', before, before]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain(
      'overall (29 matched): 29 pass/fail pairs, 0 pass→fail, 0 fail→pass, McNemar p = 1.0000: no regression',
    );
  });

  it('exits 2 with a clear message on an unreadable folder or a bad --alpha', async () => {
    const { before } = runs();
    const missing = await runCli(['diff', before, join(before, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      `${join(before, 'nope')} is not a readable simsim run folder: run.json is missing`,
    );
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const alpha = await runCli(['diff', before, before, '--alpha', '2']);
    expect(alpha.code).toBe(2);
    expect(alpha.stderr).toContain('2 is not a probability between 0 and 1');
  });
});
