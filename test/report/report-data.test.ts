import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReportData } from '../../src/report/build-report-data.ts';
import { buildReportDiff } from '../../src/report/build-report-diff.ts';
import { readRunFolder } from '../../src/report/read-run-folder.ts';
import { renderReportHtml } from '../../src/report/render-report-html.ts';
import { writeRunReportHtml } from '../../src/report/write-report-html.ts';
import type { ReportData } from '../../src/report/report-data.ts';
import { tempProject } from '../helpers/temp-project.ts';
import { runDemoCopy } from './demo-run.ts';
import { embeddedPayload } from './embedded-payload.ts';
import { richRun, writeRunFolder } from './run-folder-fixture.ts';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const RULES = {
  'total.yaml':
    'name: total_under_14\ndescription: an order costs less than 14\noracle: data_output_price_value < 14\n',
  'unique.yaml':
    "name: unique_order_ids\ndescription: every order gets its own id\nconversations: all\noracle: is_unique('order_id')\n",
};

interface Manifest {
  totals: {
    conversations: number;
    failures: number;
    interrupted: number;
    missing_outputs: number;
    cost_usd: number | null;
  };
  check: {
    rules: {
      name: string;
      checks: number;
      pass: number;
      fail: number;
      not_applicable: number;
      fail_rate: string;
      failures: { conversations: string[] }[];
    }[];
  };
  profiles: { folder: string }[];
  conversations: { id: string; folder: string; passed: boolean; status: string; turns: number; stop_reason: string }[];
  files: string[];
}

describe('report data of a real run (the offline demo against the bundled pizza bot)', () => {
  let output = '';
  let manifest: Manifest;
  let data: ReportData;
  let stdout = '';
  beforeAll(async () => {
    // With Sensei rules in the project: `simsim run` checks them and the report shows the results.
    const demo = await runDemoCopy([], RULES);
    temps.push(demo.dir);
    expect(demo.run.code, demo.run.stderr).toBe(1);
    expect(demo.run.stdout).toContain('0 failed');
    output = demo.output;
    stdout = demo.run.stdout;
    manifest = JSON.parse(readFileSync(join(output, 'run.json'), 'utf8')) as Manifest;
    data = buildReportData(await readRunFolder(output));
  }, 120_000);

  it('the run writes report.html, lists it in run.json and says so', () => {
    expect(existsSync(join(output, 'report.html'))).toBe(true);
    expect(manifest.files).toContain('report.html');
    expect(stdout).toContain('report.html');
  });

  it('totals and profile rows equal run.json', () => {
    expect(data.totals.conversations).toBe(manifest.totals.conversations);
    expect(data.totals.verdicts.failed + data.totals.verdicts.error).toBe(manifest.totals.failures);
    expect(data.totals.verdicts.passed).toBe(manifest.conversations.filter((c) => c.passed).length);
    expect(data.totals.verdicts.interrupted).toBe(manifest.totals.interrupted);
    expect(data.totals.missingOutputs).toBe(manifest.totals.missing_outputs);
    expect(data.totals.costUsd).toBe(manifest.totals.cost_usd);
    expect(data.profiles.map((p) => p.name)).toEqual(manifest.profiles.map((p) => p.folder));
    for (const p of data.profiles)
      expect(p.conversations, p.name).toBe(manifest.conversations.filter((c) => c.folder === p.name).length);
    const stops: Record<string, number> = {};
    for (const c of manifest.conversations) stops[c.stop_reason] = (stops[c.stop_reason] ?? 0) + 1;
    expect(data.totals.stopReasons).toEqual(stops);
  });

  it("the rules checked by the run: Sensei's counts, and which conversations broke each", () => {
    const jsonl = readFileSync(join(output, 'conversations.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; file: string });
    const idOf = new Map(jsonl.map((l) => [l.file, l.id]));
    expect(data.rules?.map((r) => [r.name, r.checks, r.pass, r.fail, r.notApplicable, r.failRate])).toEqual(
      manifest.check.rules.map((r) => [r.name, r.checks, r.pass, r.fail, r.not_applicable, r.fail_rate]),
    );
    const total = data.rules?.find((r) => r.name === 'total_under_14');
    const failing =
      manifest.check.rules
        .find((r) => r.name === 'total_under_14')
        ?.failures.flatMap((f) => f.conversations.map((file) => idOf.get(file))) ?? [];
    expect(total?.fail).toBeGreaterThan(0);
    expect(total?.failed).toEqual(failing);
    for (const id of failing)
      expect(data.conversations.find((c) => c.id === id)?.rules).toEqual([{ rule: 'total_under_14', status: 'fail' }]);
    // The CSV the run wrote says the same.
    const csv = readFileSync(join(output, 'reports', '__check_reports__', `check_${data.run.serial}.csv`), 'utf8');
    expect(csv).toContain(
      `total_under_14,${total?.checks},${total?.pass},${total?.fail},${total?.notApplicable},${total?.failRate}`,
    );
  });

  it('every conversation has its turns, variables, outputs and response times', () => {
    const lines = readFileSync(join(output, 'conversations.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; messages: { content: string }[] });
    expect(data.conversations.map((c) => c.id)).toEqual(manifest.conversations.map((c) => c.id));
    for (const c of data.conversations) {
      const line = lines.find((l) => l.id === c.id);
      expect(
        c.turns.map((t) => t.text),
        c.id,
      ).toEqual(line?.messages.map((m) => m.content));
      expect(c.turns.length).toBe(manifest.conversations.find((m) => m.id === c.id)?.turns);
    }
    const pizza = data.conversations.find((c) => c.profile === 'pizza_order');
    expect(Object.keys(pizza?.variables ?? {})).toEqual(expect.arrayContaining(['size', 'pizza', 'cans', 'drink']));
    expect(pizza?.outputs.find((o) => o.name === 'price')).toMatchObject({ status: 'ok', grounded: true });
    expect(pizza?.turns.some((t) => t.role === 'assistant' && (t.responseSeconds ?? -1) >= 0)).toBe(true);
    // Styled turns: typos keep their intended text, `change language` turns their language.
    expect(data.conversations.some((c) => c.turns.some((t) => t.intended !== undefined && t.intended !== t.text))).toBe(
      true,
    );
    expect(
      data.conversations
        .filter((c) => c.profile === 'shop_questions')
        .some((c) => c.turns.some((t) => t.language === 'Spanish')),
    ).toBe(true);
    expect(
      data.profiles.every(
        (p) => p.responseTimes !== null && p.responseHistogram.reduce((a, b) => a + b, 0) === p.responseTimes.count,
      ),
    ).toBe(true);
  });

  it('the coverage map counts every conversation once per variable pair', () => {
    const pizza = data.coverage.find((m) => m.profile === 'pizza_order');
    expect(pizza?.variables.map((v) => v.name)).toEqual(expect.arrayContaining(['size', 'pizza']));
    const pair = pizza?.pairs.find(
      (p) => pizza.variables[p.a]?.name === 'size' && pizza.variables[p.b]?.name === 'pizza',
    );
    // 3 sizes x 3 pizzas, each pair played once (number: combinations).
    expect(pair?.cells).toHaveLength(9);
    expect(pair?.cells.every((c) => c[2] === 1 && c[3] === 1)).toBe(true);
  });

  it('report.html, written a conversation at a time, is byte for byte what the whole data renders (rules of the check block included)', async () => {
    expect(manifest.check.rules.some((r) => r.failures.length > 0)).toBe(true);
    const streamed = readFileSync(await writeRunReportHtml(output, { output: join(output, 'again.html') }), 'utf8');
    expect(streamed).toBe(renderReportHtml({ kind: 'run', run: data }));
  });

  it('report.html embeds exactly this data, self-contained under a CSP that allows no source', () => {
    const html = readFileSync(join(output, 'report.html'), 'utf8');
    const payload = embeddedPayload(html);
    expect(payload).toEqual({ kind: 'run', run: JSON.parse(JSON.stringify(data)) as ReportData });
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet|@import|url\(http/i);
  });
});

describe('report data of hand-written run folders (verdicts, expectations, rules, trials, faults)', () => {
  it('reads verdicts, expectations with evidence, rule results and simulator faults; pass rates leave faults and inconclusive out', async () => {
    const dir = tempProject({});
    temps.push(dir);
    writeRunFolder(dir, richRun());
    const data = buildReportData(await readRunFolder(dir));
    expect(data.totals.verdicts).toEqual({
      passed: 1,
      failed: 2,
      error: 0,
      inconclusive: 1,
      simulator_fault: 1,
      interrupted: 0,
    });
    expect(data.totals.simulatorFaults).toBe(1);
    expect(data.totals.passRate).toBeCloseTo(1 / 3);
    expect(data.totals.failuresByStopReason).toEqual({ steps_reached: 1, chatbot_error: 1 });
    // One unknown price makes the total unknown rather than too low.
    expect(data.totals.costUsd).toBeNull();
    const shop = data.profiles.find((p) => p.name === 'shop');
    expect(shop).toMatchObject({ conversations: 3, simulatorFaults: 1, passRate: 0.5 });
    expect(shop?.costUsd).toBeCloseTo(0.03);
    const failed = data.conversations.find((c) => c.id === 'shop/1');
    expect(failed?.expectations?.[0]).toEqual({
      name: 'price == 12.5',
      kind: 'expression',
      verdict: 'failed',
      reason: 'price is 99',
      evidence: [{ turn: 4, quote: 'The total is $99.00' }],
    });
    expect(failed?.rules).toContainEqual({ rule: 'price_is_right', status: 'fail', message: 'expected 12.5, got 99' });
    // Only the extraction LLM reported a price: not grounded.
    expect(failed?.outputs.find((o) => o.name === 'price')).toEqual({
      name: 'price',
      value: null,
      status: 'unsupported',
      grounded: false,
    });
    expect(failed?.outputs.find((o) => o.name === 'order_id')).toEqual({
      name: 'order_id',
      value: null,
      status: 'missing',
    });
    expect(data.conversations.find((c) => c.id === 'shop/2')?.simulatorFaults).toEqual([
      'the user said goodbye before asking about the price',
    ]);
    const turns = data.conversations.find((c) => c.id === 'shop/0')?.turns ?? [];
    expect(turns[0]).toMatchObject({ role: 'user', text: 'I wnat a large pizza', intended: 'I want a large pizza' });
    expect(turns[2]).toMatchObject({ language: 'Spanish' });
    expect(turns[3]).toMatchObject({ role: 'assistant', responseSeconds: 1.2 });
    expect(data.rules).toEqual([
      {
        name: 'price_is_right',
        description: 'the total matches the menu',
        checks: 3,
        pass: 1,
        fail: 1,
        notApplicable: 1,
        failRate: '50.00%',
        failed: ['shop/1'],
      },
      { name: 'confirms', checks: 3, pass: 3, fail: 0, notApplicable: 0, failRate: '0.00%' },
    ]);
  });

  it("without rules in run.json, reads Sensei's check CSV; without either, has no rules section", async () => {
    const withCsv = tempProject({});
    const without = tempProject({});
    temps.push(withCsv, without);
    const base = richRun();
    writeRunFolder(withCsv, {
      conversations: base.conversations,
      checkCsv:
        'rule,checks,pass,fail,not_applicable,fail_rate\r\n"price, total",3,2,1,0,33.33%\r\ngoal_not_completed,5,5,0,0,0.00%\r\n',
    });
    writeRunFolder(without, { conversations: base.conversations.map((c) => ({ ...c, rules: undefined })) });
    const fromCsv = buildReportData(await readRunFolder(withCsv));
    expect(fromCsv.rules).toEqual([
      { name: 'price, total', checks: 3, pass: 2, fail: 1, notApplicable: 0, failRate: '33.33%' },
      { name: 'goal_not_completed', checks: 5, pass: 5, fail: 0, notApplicable: 0, failRate: '0.00%' },
    ]);
    const none = buildReportData(await readRunFolder(without));
    expect(none.rules).toBeUndefined();
    expect(
      none.conversations.every(
        (c) =>
          c.rules === undefined && (c.expectations !== undefined) === ['shop/0', 'shop/1', 'support/1'].includes(c.id),
      ),
    ).toBe(true);
  });

  it('trials give pass^k = C(s,k)/C(n,k) averaged over the planned conversations', async () => {
    const dir = tempProject({});
    temps.push(dir);
    const turn = [{ role: 'user' as const, text: 'hi' }];
    // Conversation 0: 3 of 4 trials pass; conversation 1: 4 of 4; conversation 2: 1 of 4.
    const outcomes = [
      [true, true, false, true],
      [true, true, true, true],
      [false, true, false, false],
    ];
    writeRunFolder(dir, {
      conversations: outcomes.flatMap((trials, index) =>
        trials.map((passed, t) => ({ profile: 'flaky', index, trial: t + 1, passed, turns: turn })),
      ),
    });
    const data = buildReportData(await readRunFolder(dir));
    expect(data.hasTrials).toBe(true);
    const expected = [
      (3 / 4 + 1 + 1 / 4) / 3, // k=1
      (3 / 6 + 1 + 0) / 3, // k=2: C(3,2)/C(4,2) = 3/6
      (1 / 4 + 1 + 0) / 3, // k=3: C(3,3)/C(4,3) = 1/4
      (0 + 1 + 0) / 3, // k=4
    ];
    const passK = data.profiles[0]?.passK ?? [];
    expect(passK.map((p) => p.k)).toEqual([1, 2, 3, 4]);
    passK.forEach((p, i) => expect(p.value).toBeCloseTo(expected[i] ?? Number.NaN, 12));
    expect(data.conversations[0]?.id).toBe('flaky/0#1');
  });

  it('secrets given to the writer never reach report.html, even in its compressed data', async () => {
    const dir = tempProject({});
    temps.push(dir);
    const secret = 'sk-report-secret-0123456789';
    writeRunFolder(dir, {
      conversations: [
        {
          profile: 'p',
          index: 0,
          turns: [
            { role: 'user', text: `my key is ${secret}` },
            { role: 'assistant', text: 'noted' },
          ],
        },
      ],
    });
    const file = await writeRunReportHtml(dir, { secrets: [secret] });
    const html = readFileSync(file, 'utf8');
    const payload = embeddedPayload(html);
    expect(JSON.stringify(payload)).not.toContain(secret);
    expect(payload.kind === 'run' && payload.run.conversations[0]?.turns[0]?.text).toMatch(/^my key is \S*REDACTED/);
  });

  it('a hand-written run with rules, trials, variables and secrets: the streamed page is the whole data rendered', async () => {
    const dir = tempProject({});
    temps.push(dir);
    const run = richRun();
    const secret = 'sk-streamed-secret-0123456789';
    writeRunFolder(dir, {
      ...run,
      conversations: [
        ...run.conversations,
        ...[1, 2, 3].map((trial) => ({
          profile: 'flaky',
          index: 0,
          trial,
          verdict: trial === 2 ? 'failed' : 'passed',
          variables: { size: trial % 2 === 1 ? 'small' : 'large', pizza: trial === 3 ? 'margherita' : 'pepperoni' },
          turns: [
            { role: 'user' as const, text: `trial ${trial} with ${secret}` },
            { role: 'assistant' as const, text: 'ok' },
          ],
        })),
      ],
    });
    const streamed = readFileSync(await writeRunReportHtml(dir, { secrets: [secret] }), 'utf8');
    expect(streamed).not.toContain(secret);
    const whole = renderReportHtml(
      { kind: 'run', run: buildReportData(await readRunFolder(dir)) },
      { secrets: [secret] },
    );
    expect(streamed).toBe(whole);
    expect(embeddedPayload(streamed)).toEqual(embeddedPayload(whole));
  });

  it('pass^k given in run.json wins over the computed one', async () => {
    const dir = tempProject({});
    temps.push(dir);
    writeRunFolder(dir, {
      conversations: [{ profile: 'p', index: 0, trial: 1, turns: [] }],
      passK: { p: [{ k: 1, value: 0.25 }] },
    });
    expect(buildReportData(await readRunFolder(dir)).profiles[0]?.passK).toEqual([{ k: 1, value: 0.25 }]);
  });

  it('a diff of two runs says which conversations and rules regressed, were fixed or changed', async () => {
    const a = tempProject({});
    const b = tempProject({});
    temps.push(a, b);
    const base = richRun();
    writeRunFolder(a, base);
    const head = base.conversations.map((c) => {
      if (c.profile === 'shop' && c.index === 0)
        return { ...c, verdict: 'failed', passed: false, rules: [{ rule: 'confirms', status: 'fail' }] };
      if (c.profile === 'shop' && c.index === 1) return { ...c, verdict: 'passed', passed: true };
      if (c.profile === 'support' && c.index === 1) return { ...c, outputs: { order_id: 'ORD-9' } };
      return c;
    });
    writeRunFolder(b, {
      conversations: [
        ...head.filter((c) => !(c.profile === 'support' && c.index === 0)),
        { profile: 'support', index: 5, turns: [] },
      ],
      rules: [
        { name: 'price_is_right', checks: 3, pass: 2, fail: 0, not_applicable: 1 },
        { name: 'confirms', checks: 3, pass: 2, fail: 1, not_applicable: 0 },
      ],
    });
    const diff = buildReportDiff(buildReportData(await readRunFolder(a)), buildReportData(await readRunFolder(b)));
    const change = Object.fromEntries(diff.conversations.map((c) => [c.key, c.change]));
    expect(change).toEqual({
      'shop/0': 'regressed',
      'shop/1': 'fixed',
      'shop/2': 'same',
      'support/0': 'removed',
      'support/1': 'changed',
      'support/5': 'added',
    });
    expect(diff.conversations.find((c) => c.key === 'support/1')?.outputsChanged).toEqual(['order_id']);
    expect(diff.rules.map((r) => [r.name, r.change])).toEqual([
      ['price_is_right', 'fixed'],
      ['confirms', 'regressed'],
    ]);
    expect(diff.profiles.find((p) => p.name === 'shop')).toMatchObject({
      regressed: 1,
      fixed: 1,
      basePassRate: 0.5,
      headPassRate: 0.5,
    });
  });
});
