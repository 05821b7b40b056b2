import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeLlmServer, type FakeLlmServer } from '../helpers/fake-llm-server.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

/** A conversation file in Sensei's three-document layout (what both Sensei and simsim write). */
function conversation(values: {
  size: string;
  toppings: string[];
  price: string | null;
  orderId: string;
  errors?: string;
}): string {
  return [
    'serial: 2025-01-01-00-00-00',
    'language: English',
    'ask_about:',
    '- a {{size}} pizza with {{toppings}}',
    `- size:\n  - ${values.size}`,
    `- toppings:\n${values.toppings.map((t) => `  - ${t}`).join('\n')}`,
    'conversation:',
    '- interaction_style:\n  - default',
    '- number: 3',
    '- steps: 4',
    'data_output:',
    `- price: ${values.price ?? 'null'}`,
    `- order_id: ${values.orderId}`,
    values.errors ? `errors:\n- ${values.errors}` : 'errors: []',
    'total_cost($): 0.0',
    '---',
    'conversation time: 1.5',
    '---',
    'interaction:',
    '- User: hello',
    `- Assistant: Your ${values.size} pizza costs ${values.price ?? 'something'}.`,
    '- User: thanks',
    `- Assistant: Your ${values.size} pizza costs ${values.price ?? 'something'}.`,
    '',
  ].join('\n');
}

const CONVERSATIONS = {
  'conversations/0_pizza_s.yml': conversation({ size: 'small', toppings: ['cheese'], price: '$10', orderId: 'A1' }),
  'conversations/1_pizza_s.yml': conversation({
    size: 'small',
    toppings: ['cheese', 'ham'],
    price: '$12.50',
    orderId: 'A2',
  }),
  'conversations/2_pizza_s.yml': conversation({
    size: 'large',
    toppings: ['ham'],
    price: null,
    orderId: 'A2',
    errors: '1001: 1 goals left to complete.',
  }),
};

const RULES = {
  'rules/small_price.yaml':
    'name: small_price\ndescription: small pizzas cost 10 or more\nconversations: 1\nwhen: size[0] == \'small\'\noracle: extract_float(price) >= 11\nyields: f"price {price} is too low"\n',
  'rules/more_toppings.yaml':
    'name: more_toppings_cost_more\ndescription: more toppings cost more\nconversations: 2\nwhen: conv[0].size == conv[1].size\nif: len(conv[0].toppings) > len(conv[1].toppings)\nthen: extract_float(conv[0].price) > extract_float(conv[1].price)\n',
  'rules/unique.yaml':
    "name: unique_ids\ndescription: order ids are unique\nconversations: all\noracle: is_unique('order_id')\n",
  'rules/repeats.yaml':
    'name: no_repeats\ndescription: the bot does not repeat itself\noracle: |\n  not repeated_answers(method=\'exact\', threshold=1)\nyields: f"repeats {repeated_answers()}"\nactive: false\n',
};

const dirs: string[] = [];
const servers: FakeLlmServer[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  for (const server of servers.splice(0)) await server.close();
});

function project(extra: Record<string, string> = {}): string {
  const dir = tempProject({ ...CONVERSATIONS, ...RULES, ...extra });
  dirs.push(dir);
  return dir;
}

/** A rule that needs an LLM helper, and the arguments of `simsim check` of it with `model`, then `more`. */
const SEMANTIC_RULE = "name: says_price\ndescription: x\noracle: semantic_content(price, 'about ten dollars')\n";
const semanticCheckArgs = (model: string, ...more: string[]) => [
  'check',
  '--rules',
  'rules/semantic.yaml',
  '--conversations',
  'conversations',
  '--model',
  model,
  ...more,
];

describe('simsim check', () => {
  it('counts the three rule kinds, lists the failures with yields, writes the CSV byte for byte and exits 1', async () => {
    const dir = project();
    const run = await runCli(
      ['check', '--rules', 'rules', '--conversations', 'conversations', '--dump', 'out/result.csv'],
      { cwd: dir },
    );
    expect(run.code).toBe(1);
    expect(readFileSync(join(dir, 'out/result.csv'), 'utf8')).toBe(
      [
        'rule,checks,pass,fail,not_applicable,fail_rate',
        // 2 pairs of small pizzas: (1, 0) passes its `if`, (0, 1) does not; the rest differ in size.
        'more_toppings_cost_more,6,1,0,5,0.00%',
        'small_price,3,1,1,1,50.00%',
        'unique_ids,1,0,1,0,100.00%',
        'goal_not_completed,3,2,1,0,33.33%',
        'no_response,3,3,0,0,0.00%',
        'timeout,3,3,0,0,0.00%',
        'exceeded_loop_limit,3,3,0,0,0.00%',
        '',
      ].join('\r\n'),
    );
    expect(run.stdout).toContain(
      '✖ small_price: 1 pass, 1 fail, 1 not applicable of 3 (fail rate 50.00%) rules/small_price.yaml:1',
    );
    expect(run.stdout).toContain('fail conversations/0_pizza_s.yml: price $10 is too low');
    expect(run.stdout).toContain('✖ unique_ids');
    expect(run.stdout).not.toContain('no_repeats');
    expect(
      (
        await runCli(['check', '--rules', 'rules', '--conversations', 'conversations', '--fail-on', 'none'], {
          cwd: dir,
        })
      ).code,
    ).toBe(0);
    expect(
      (await runCli(['check', '--rules', 'rules/more_toppings.yaml', '--conversations', 'conversations'], { cwd: dir }))
        .code,
    ).toBe(0);
    expect(
      (
        await runCli(
          ['check', '--rules', 'rules/more_toppings.yaml', '--conversations', 'conversations', '--fail-on', 'errors'],
          { cwd: dir },
        )
      ).code,
    ).toBe(1);
  });

  it('--json gives every (rule, conversation) result with its reason', async () => {
    const dir = project();
    const run = await runCli(['check', '--rules', 'rules', '--conversations', 'conversations', '--json'], { cwd: dir });
    const report = JSON.parse(run.stdout) as {
      exitCode: number;
      rules: {
        name: string;
        results: { conversations: string[]; verdict: string; reason?: string; message?: string }[];
      }[];
    };
    expect(report.exitCode).toBe(1);
    const small = report.rules.find((r) => r.name === 'small_price');
    expect(small?.results).toEqual([
      { conversations: ['conversations/0_pizza_s.yml'], verdict: 'fail', message: 'price $10 is too low' },
      { conversations: ['conversations/1_pizza_s.yml'], verdict: 'pass' },
      { conversations: ['conversations/2_pizza_s.yml'], verdict: 'not_applicable', reason: '`when` is false' },
    ]);
    const pairs = report.rules.find((r) => r.name === 'more_toppings_cost_more')?.results ?? [];
    expect(pairs.filter((r) => r.verdict === 'not_applicable').map((r) => r.reason)).toContain('`if` is false');
  });

  it('--format junit has one test case per rule; --format github annotates the rule file', async () => {
    const dir = project();
    const junit = await runCli(['check', '--rules', 'rules', '--conversations', 'conversations', '--format', 'junit'], {
      cwd: dir,
    });
    const xml = new XMLParser({ ignoreAttributes: false }).parse(junit.stdout) as {
      testsuites: { testsuite: { testcase: { '@_name': string; failure?: unknown }[] } };
    };
    const cases = xml.testsuites.testsuite.testcase;
    expect(cases.map((c) => c['@_name'])).toEqual([
      'more_toppings_cost_more',
      'small_price',
      'unique_ids',
      'goal_not_completed',
      'no_response',
      'timeout',
      'exceeded_loop_limit',
    ]);
    expect(cases.filter((c) => c.failure !== undefined).map((c) => c['@_name'])).toEqual([
      'small_price',
      'unique_ids',
      'goal_not_completed',
    ]);
    const github = await runCli(
      ['check', '--rules', 'rules', '--conversations', 'conversations', '--format', 'github'],
      { cwd: dir },
    );
    expect(github.stdout).toContain(
      '::error file=rules/small_price.yaml,line=1,col=7,title=simsim rule small_price::rule small_price failed 1 of 3 checks%0Aconversations/0_pizza_s.yml: price $10 is too low',
    );
  });

  it('refuses a rule with a syntax error, pointing inside the expression (exit 2)', async () => {
    const dir = project({
      'rules/broken.yaml': 'name: broken\ndescription: x\noracle: |\n  extract_float(price) >=\n',
    });
    const run = await runCli(['check', '--rules', 'rules', '--conversations', 'conversations'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'rules/broken.yaml:4:26  error  `oracle`: the expression ends too early  [rule-expression-syntax]',
    );
  });

  it('warns about duplicate rule names and, like Sensei, keeps the later results', async () => {
    const dir = project({ 'rules/zz_copy.yaml': "name: small_price\ndescription: copy\noracle: 'True'\n" });
    const run = await runCli(['check', '--rules', 'rules', '--conversations', 'conversations', '--dump', 'r.csv'], {
      cwd: dir,
    });
    expect(run.stderr).toMatch(
      /rule `small_price` of rules\/zz_copy\.yaml:1 has the same name as the rule of rules\/small_price\.yaml:1/,
    );
    expect(readFileSync(join(dir, 'r.csv'), 'utf8').split('\r\n')[2]).toBe('small_price,3,3,0,0,0.00%');
  });

  it('asks the model for LLM helpers through the LLM layer (cost rows, structured answers); offline says "needs an LLM"', async () => {
    const dir = project({
      'rules/semantic.yaml': SEMANTIC_RULE,
    });
    const offline = await runCli(semanticCheckArgs('offline', '--json'), { cwd: dir });
    const rules = (
      JSON.parse(offline.stdout) as { rules: { name: string; results: { verdict: string; reason?: string }[] }[] }
    ).rules;
    expect(
      rules[0]?.results.every(
        (r) => r.verdict === 'not_applicable' && r.reason === 'semantic_content() needs an LLM (the model is offline)',
      ),
    ).toBe(true);
    expect(offline.code).toBe(0);

    const server = await startFakeLlmServer({
      reply: (request) => ({ json: { conveys: JSON.stringify(request.body).includes('$10') } }),
    });
    servers.push(server);
    const env = { OPENAI_API_KEY: 'sk-test-check-0000', OPENAI_BASE_URL: server.openaiBaseUrl };
    const live = await runCli(semanticCheckArgs('openai:gpt-4o-mini', '--dump', 'r.csv', '--ignore-cache'), {
      cwd: dir,
      env,
    });
    expect(live.code).toBe(1);
    expect(readFileSync(join(dir, 'r.csv'), 'utf8').split('\r\n')[1]).toBe('says_price,3,1,2,0,66.67%');
    expect(server.requests).toHaveLength(3);
    const costDir = join(dir, 'reports', '__cost_reports__');
    expect(existsSync(costDir)).toBe(true);
    const csv = readFileSync(join(costDir, readdirSync(costDir)[0] ?? ''), 'utf8');
    expect(csv.split('\n').filter((line) => line.includes('sensei_check'))).toHaveLength(3);
    expect(csv).not.toContain('sk-test-check-0000');

    const missingKey = await runCli(semanticCheckArgs('openai:gpt-4o-mini'), { cwd: dir, env: { OPENAI_API_KEY: '' } });
    expect(missingKey.code).toBe(2);
    expect(missingKey.stderr).toContain('OPENAI_API_KEY');
  });

  it('stops asking the model at the cost cap: those checks are not applicable, exit 3', async () => {
    const dir = project({
      'rules/semantic.yaml': SEMANTIC_RULE,
    });
    const server = await startFakeLlmServer({ reply: () => ({ json: { conveys: true } }) });
    servers.push(server);
    const env = { OPENAI_API_KEY: 'sk-test-check-0000', OPENAI_BASE_URL: server.openaiBaseUrl };
    const run = await runCli(semanticCheckArgs('openai:gpt-4o', '--max-cost', '0.000001', '--ignore-cache', '--json'), {
      cwd: dir,
      env,
    });
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout) as {
      costCapReached: boolean;
      rules: { results: { verdict: string; reason?: string }[] }[];
    };
    expect(report.costCapReached).toBe(true);
    expect(
      report.rules[0]?.results.every(
        (r) => r.verdict === 'not_applicable' && r.reason?.startsWith('the cost cap was reached'),
      ),
    ).toBe(true);
    expect(server.requests).toHaveLength(0);
  });

  it('needs no key and no model for deterministic rules (Sensei asked for OPENAI_API_KEY anyway)', async () => {
    const dir = project();
    const run = await runCli(['check', '--rules', 'rules/unique.yaml', '--conversations', 'conversations'], {
      cwd: dir,
      env: { OPENAI_API_KEY: '' },
    });
    expect(run.code).toBe(1);
  });

  it("with --project checks the project's rules over the folder its runs write to", async () => {
    const dir = project({ 'run.yml': 'project_folder: shop\nextract: conversations\n' });
    const named = await runCli(['check', '--rules', 'rules', '--conversations', 'conversations', '--json'], {
      cwd: dir,
    });
    const fromProject = await runCli(['check', '--project', '.', '--json'], { cwd: dir });
    expect(fromProject.code).toBe(1);
    const rulesOf = (stdout: string) => (JSON.parse(stdout) as { rules: unknown }).rules;
    expect(rulesOf(fromProject.stdout)).toEqual(rulesOf(named.stdout));
    // A flag still wins over the project's folder.
    const one = await runCli(['check', '--project', dir, '--rules', join(dir, 'rules/more_toppings.yaml')]);
    expect(one.code).toBe(0);
    // Without run.yml's extract:, the runs write to the project's output/, which is not there yet.
    rmSync(join(dir, 'run.yml'));
    const noRuns = await runCli(['check', '--project', dir]);
    expect(noRuns.code).toBe(2);
    expect(noRuns.stderr).toContain(join(dir, 'output'));
  });

  it('reports a missing path as a usage error', async () => {
    const dir = project();
    const run = await runCli(['check', '--rules', 'nope', '--conversations', 'conversations'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('rules path');
  });
});
