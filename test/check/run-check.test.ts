import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Rules of the three kinds over the example project's pizza orders (one of them fails). */
const RULES: Record<string, string> = {
  'rules/total.yaml':
    'name: total_under_14\ndescription: an order costs less than 14\noracle: data_output_price_value < 14\nyields: f"total {data_output_price_value} for a {size} {pizza} and {cans} cans"\n',
  'rules/bigger.yaml': [
    'name: bigger_costs_more',
    'description: a bigger pizza costs more, other things equal',
    'conversations: 2',
    'when: conv[0].pizza == conv[1].pizza and conv[0].cans == conv[1].cans and conv[0].drink == conv[1].drink',
    `if: "{'small': 1, 'medium': 2, 'large': 3}[conv[0].size] > {'small': 1, 'medium': 2, 'large': 3}[conv[1].size]"`,
    'then: conv[0].data_output_price_value > conv[1].data_output_price_value',
    '',
  ].join('\n'),
  'rules/unique.yaml':
    "name: unique_order_ids\ndescription: every order gets its own id\nconversations: all\noracle: is_unique('order_id')\n",
  'rules/facts.yaml':
    "name: ends_well\ndescription: the user ends and the bot gives an order id\noracle: stop_reason() == 'user_done' and chatbot_says(r'ORD-\\d+') and turns() <= 6\n",
};

let root = '';
let project = '';

beforeAll(async () => {
  root = tempProject({});
  expect((await runCli(['init', '--path', root, '--name', 'shop'])).code).toBe(0);
  project = join(root, 'shop');
  // The generated project starts the bundled pizza bot on 5050; give it a free port so tests can run side by side.
  const port = String(await freePort());
  for (const file of ['run.yml', 'connectors/example-chatbot.yml']) {
    const path = join(project, file);
    writeFileSync(path, readFileSync(path, 'utf8').replaceAll('5050', port));
  }
  for (const [file, text] of Object.entries(RULES)) writeFileSync(join(project, file), text);
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

const run = (...extra: string[]) =>
  runCli(['run', '--run-from-yaml', project, '--model', 'offline', '--seed', '3', ...extra], { cwd: project });

describe("simsim run checks the project's rules", () => {
  it("validate accepts the rules against the profile's variables (money components included)", async () => {
    const validate = await runCli(['validate', '--project', project]);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stderr).not.toContain('rule-unknown');
  });

  it('writes the check CSV, a test case per rule in junit.xml and run.json, and exits 1 for the failed rule', async () => {
    const first = await run();
    expect(first.code, first.stdout + first.stderr).toBe(1);
    expect(first.stdout).toMatch(/✖ rules: 4 checked, 1 failed \(total_under_14\)/);
    const reports = join(project, 'output', 'reports', '__check_reports__');
    const [csvName] = readdirSync(reports);
    const csv = readFileSync(join(reports, csvName ?? ''), 'utf8');
    const rows = csv.split('\r\n');
    expect(rows[0]).toBe('rule,checks,pass,fail,not_applicable,fail_rate');
    expect(rows.map((r) => r.split(',')[0])).toEqual([
      'rule',
      'bigger_costs_more',
      'ends_well',
      'total_under_14',
      'unique_order_ids',
      'goal_not_completed',
      'no_response',
      'timeout',
      'exceeded_loop_limit',
      '',
    ]);
    expect(rows[1]?.startsWith('bigger_costs_more,72,')).toBe(true);
    expect(rows[2]).toBe('ends_well,9,9,0,0,0.00%');
    expect(rows[4]).toBe('unique_order_ids,1,1,0,0,0.00%');
    const total = rows[3]?.split(',') ?? [];
    expect(Number(total[3])).toBeGreaterThan(0);

    const junit = new XMLParser({ ignoreAttributes: false }).parse(
      readFileSync(join(project, 'output', 'junit.xml'), 'utf8'),
    ) as {
      testsuites: {
        '@_tests': string;
        '@_failures': string;
        testsuite: { '@_name': string; testcase: { '@_name': string; failure?: string | { '#text': string } }[] }[];
      };
    };
    const suites = junit.testsuites.testsuite;
    const rules = suites.find((s) => s['@_name'] === 'rules');
    expect(rules?.testcase.map((c) => c['@_name'])).toEqual([
      'bigger_costs_more',
      'ends_well',
      'total_under_14',
      'unique_order_ids',
    ]);
    const failure = rules?.testcase.find((c) => c['@_name'] === 'total_under_14')?.failure;
    expect(JSON.stringify(failure)).toMatch(/total \d+(\.\d+)? for a (small|medium|large)/);
    expect(Number(junit.testsuites['@_tests'])).toBe(9 + 4);
    expect(Number(junit.testsuites['@_failures'])).toBe(1);

    const manifest = JSON.parse(readFileSync(join(project, 'output', 'run.json'), 'utf8')) as {
      check: { report: string; rules: { name: string; fail: number }[] };
      files: string[];
    };
    expect(manifest.check.report).toMatch(/^reports\/__check_reports__\/check_.*\.csv$/);
    expect(manifest.check.rules.find((r) => r.name === 'total_under_14')?.fail).toBeGreaterThan(0);
    expect(manifest.files).toContain(manifest.check.report);
  });

  it('--fail-on errors ignores failed rules; --no-check skips checking', async () => {
    const reports = join(project, 'output', 'reports', '__check_reports__');
    const before = readdirSync(reports).length;
    expect((await run('--fail-on', 'errors')).code).toBe(0);
    expect(readdirSync(reports)).toHaveLength(before + 1);
    expect((await run('--no-check')).code).toBe(0);
    expect(readdirSync(reports)).toHaveLength(before + 1);
  });

  it('--resume re-checks the whole run', async () => {
    expect((await run()).code).toBe(1);
    const reports = join(project, 'output', 'reports', '__check_reports__');
    const latest = readdirSync(reports).sort().at(-1) ?? '';
    const before = readFileSync(join(reports, latest), 'utf8');
    rmSync(join(reports, latest));
    const resumed = await runCli(
      ['run', '--run-from-yaml', project, '--model', 'offline', '--resume', join(project, 'output')],
      { cwd: project },
    );
    expect(resumed.code).toBe(1);
    expect(resumed.stderr).toMatch(/resuming run .*: 9 conversations already finished, 0 to go/);
    expect(readFileSync(join(reports, latest), 'utf8')).toBe(before);
  });
});
