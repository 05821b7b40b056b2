import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPizzaBot, type RunningPizzaBot } from '../../examples/pizza-bot/server.mjs';
import { REPO_ROOT, runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

let project = '';
let before: RunningPizzaBot;
let after: RunningPizzaBot;

beforeAll(async () => {
  project = tempProject({});
  mkdirSync(join(project, 'profiles'));
  mkdirSync(join(project, 'rules'));
  copyFileSync(join(REPO_ROOT, 'profiles', 'pizza_order.yml'), join(project, 'profiles', 'pizza_order.yml'));
  writeFileSync(
    join(project, 'rules', 'total.yaml'),
    'name: total_under_16\ndescription: an order costs less than 16\noracle: data_output_price_value < 16\n',
  );
  // The release after: a medium pepperoni pizza costs $13.00 instead of $11.50.
  [before, after] = await Promise.all([
    startPizzaBot({ port: 0 }),
    startPizzaBot({ port: 0, prices: { pepperoni: 13 } }),
  ]);
});
afterAll(async () => {
  await Promise.all([before?.close(), after?.close()]);
});

const run = (bot: RunningPizzaBot, out: string) =>
  runCli(
    [
      'run',
      '--project',
      project,
      '-t',
      'taskyto',
      '-cp',
      `base_url=${bot.url}`,
      '--model',
      'offline',
      '--seed',
      '42',
    ].concat(['-o', join(project, out)]),
    { killAfterMs: 60_000 },
  );

describe('diff of rule results between two real runs', () => {
  it('run.json records each conversation rule result; the two flips give McNemar p = 2 · (1/2)^2 = 0.5', async () => {
    const [a, b] = await Promise.all([run(before, 'a'), run(after, 'b')]);
    // The rule fails in both runs (orders of $16 or more exist before the release too).
    expect(a.code, a.stderr).toBe(1);
    expect(b.code, b.stderr).toBe(1);
    type Entry = { id: string; rules?: { rule: string; status: string }[] };
    const statuses = (out: string) =>
      (
        JSON.parse(readFileSync(join(project, out, 'run.json'), 'utf8')) as { conversations: Entry[] }
      ).conversations.map((c) => [c.id, c.rules?.map((r) => `${r.rule}:${r.status}`)] as const);
    const beforeRules = new Map(statuses('a'));
    const afterRules = new Map(statuses('b'));
    expect(beforeRules.size).toBe(9);
    for (const rules of [...beforeRules.values(), ...afterRules.values()]) expect(rules).toHaveLength(1);
    const flipped = [...beforeRules.keys()].filter(
      (id) => beforeRules.get(id)?.[0] === 'total_under_16:pass' && afterRules.get(id)?.[0] === 'total_under_16:fail',
    );
    // The two pepperoni orders that cost less than $16 before: small $15.50 and medium $14.50, now $17 and $16.
    expect(flipped).toEqual(['pizza_order/1', 'pizza_order/4']);

    const html = join(project, 'diff.html');
    const diff = await runCli(['diff', join(project, 'a'), join(project, 'b'), '--json', '--html', '-o', html]);
    // Two regressions out of two discordant pairs is not significant at 0.05.
    expect(diff.code, diff.stderr).toBe(0);
    const json = JSON.parse(diff.stdout) as {
      rules: { name: string; change: string; regressions: number; fixes: number; p_value: number }[];
      conversations: { id?: string; check_flips: { kind: string; name: string; flip: string }[] }[];
    };
    expect(json.rules.find((r) => r.name === 'total_under_16')).toMatchObject({
      change: 'regressed',
      regressions: 2,
      fixes: 0,
      p_value: 0.5,
    });
    const flips = json.conversations.flatMap((c) => c.check_flips);
    expect(flips).toHaveLength(2);
    expect(flips.every((f) => f.kind === 'rule' && f.name === 'total_under_16' && f.flip === 'regression')).toBe(true);
    expect(existsSync(html)).toBe(true);
    // The page carries the diff as gzipped JSON in its data block.
    const page = readFileSync(html, 'utf8');
    const data = /<script id="simsim-data" type="application\/gzip\+base64">([^<]+)<\/script>/.exec(page)?.[1] ?? '';
    const embedded = JSON.parse(gunzipSync(Buffer.from(data, 'base64')).toString('utf8')) as {
      kind: string;
      diff: {
        pValue: number;
        rules: { name: string; change: string; base: { pass: number }; head: { pass: number } }[];
        profiles: { name: string; pValue: number }[];
      };
    };
    expect(embedded.kind).toBe('diff');
    expect(embedded.diff.rules.find((r) => r.name === 'total_under_16')).toMatchObject({
      change: 'changed',
      base: { pass: 5 },
      head: { pass: 3 },
    });
    // The conversations themselves did not flip (the rule is checked apart from them): p = 1.
    expect(embedded.diff.pValue).toBe(1);
    expect(embedded.diff.profiles).toEqual([expect.objectContaining({ name: 'pizza_order', pValue: 1 })]);
  }, 90_000);
});
