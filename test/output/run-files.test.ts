import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listFinishedConversations } from '../../src/output/finished-conversations.ts';
import { claimTestFolders } from '../../src/output/test-folders.ts';
import { writeConversation } from '../../src/output/write-conversation.ts';
import { writeRunReports } from '../../src/app/run/write-run-reports.ts';
import { failedResult, fixtureRun, pizzaResult } from '../helpers/conversation-fixtures.ts';
import { fixtureRunInfo } from '../helpers/run-info.ts';

const SERIAL = '2025-01-27-13-39-17';
let runDir: string;

beforeEach(async () => {
  runDir = await mkdtemp(join(tmpdir(), 'simsim-run-'));
});
afterEach(async () => {
  await rm(runDir, { recursive: true, force: true });
});

async function writeRun(results = fixtureRun(), info = fixtureRunInfo()) {
  await claimTestFolders(runDir, SERIAL, results);
  for (const result of results) await writeConversation(runDir, result, { secrets: info.secrets });
  return writeRunReports(runDir, results, info);
}

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? allFiles(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return nested.flat();
}

type Xml = Record<string, unknown>;

/**
 * Elements and attributes of the common JUnit schema (Jenkins' junit-10.xsd): required ones
 * first. Anything else would fail schema validation.
 */
const JUNIT_SCHEMA: Record<string, { required: string[]; allowed: string[]; children: string[] }> = {
  testsuites: {
    required: [],
    allowed: ['name', 'time', 'tests', 'failures', 'disabled', 'errors'],
    children: ['testsuite'],
  },
  testsuite: {
    required: ['name', 'tests'],
    allowed: [
      'name',
      'tests',
      'failures',
      'errors',
      'time',
      'disabled',
      'skipped',
      'timestamp',
      'hostname',
      'id',
      'package',
      'file',
      'log',
      'url',
      'version',
      'group',
    ],
    children: ['properties', 'testcase', 'system-out', 'system-err'],
  },
  properties: { required: [], allowed: [], children: ['property'] },
  property: { required: ['name', 'value'], allowed: ['name', 'value'], children: [] },
  testcase: {
    required: ['name'],
    allowed: ['name', 'assertions', 'time', 'classname', 'status', 'class', 'file', 'line', 'log', 'group', 'url'],
    children: ['skipped', 'error', 'failure', 'system-out', 'system-err'],
  },
  failure: { required: [], allowed: ['message', 'type'], children: [] },
  skipped: { required: [], allowed: ['message'], children: [] },
  'system-out': { required: [], allowed: [], children: [] },
};

/** Checks an element parsed with attributes under `@` against JUNIT_SCHEMA, recursively. */
function checkJunitElement(name: string, element: unknown): void {
  const rule = JUNIT_SCHEMA[name];
  expect(rule, `unknown element <${name}>`).toBeDefined();
  if (!rule || typeof element !== 'object' || element === null) return;
  const record = element as Xml;
  const attributes = Object.keys(record)
    .filter((k) => k.startsWith('@'))
    .map((k) => k.slice(1));
  for (const attr of attributes) expect(rule.allowed, `<${name} ${attr}>`).toContain(attr);
  for (const attr of rule.required) expect(attributes, `<${name}> needs ${attr}`).toContain(attr);
  for (const [child, value] of Object.entries(record)) {
    if (child.startsWith('@') || child === '#text') continue;
    expect(rule.children, `<${child}> inside <${name}>`).toContain(child);
    for (const item of Array.isArray(value) ? value : [value]) checkJunitElement(child, item);
  }
}
const asList = (value: unknown): Xml[] =>
  Array.isArray(value) ? (value as Xml[]) : value === undefined ? [] : [value as Xml];

describe('junit.xml', () => {
  it('is well-formed and has what the common JUnit schema requires', async () => {
    const tricky = pizzaResult({
      id: 'pizza_order_test_custom/2',
      index: 2,
      turns: [
        { role: 'user', text: 'a < b & "c" \'d\' ]]> \u0007bell \u001b[31mred', at: '2025-01-27T13:40:00.000Z' },
        { role: 'assistant', text: 'ok 🍕', at: '2025-01-27T13:40:01.000Z' },
      ],
    });
    const interrupted = pizzaResult({
      id: 'pizza_order_test_custom/3',
      index: 3,
      status: 'interrupted',
      stopReason: 'interrupted',
      stopDetail: 'the run was interrupted',
    });
    await writeRun([...fixtureRun(), tricky, interrupted]);
    const text = await readFile(join(runDir, 'junit.xml'), 'utf8');
    expect(XMLValidator.validate(text)).toBe(true);
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);

    const raw = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      parseAttributeValue: false,
      parseTagValue: false,
    }).parse(text) as Xml;
    checkJunitElement('testsuites', raw['testsuites']);
    const xml = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      parseAttributeValue: false,
      isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
    }).parse(text) as Xml;
    const root = xml['testsuites'] as Xml;
    expect(root).toMatchObject({ name: 'simsim', tests: '6', failures: '2', errors: '0' });
    const suites = asList(root['testsuite']);
    expect(suites.map((s) => s['name'])).toEqual([
      'pizza_order_test_custom',
      'pizza_order_test_custom_2',
      'pizza_order_test_predefined',
    ]);
    for (const [id, suite] of suites.entries()) {
      for (const attr of ['name', 'tests', 'failures', 'errors', 'time', 'timestamp', 'hostname', 'id', 'package'])
        expect(suite[attr], attr).toBeDefined();
      expect(suite['id']).toBe(String(id));
      expect(String(suite['timestamp'])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
      expect(Number(suite['time'])).toBeGreaterThan(0);
      const cases = asList(suite['testcase']);
      expect(Number(suite['tests'])).toBe(cases.length);
      expect(Number(suite['failures'])).toBe(cases.filter((c) => c['failure'] !== undefined).length);
      for (const testcase of cases) {
        for (const attr of ['name', 'classname', 'time']) expect(testcase[attr], attr).toBeDefined();
        expect(typeof testcase['system-out']).toBe('string');
        const failure = testcase['failure'] as Xml | undefined;
        if (failure) {
          expect(typeof failure['type']).toBe('string');
          expect(typeof failure['message']).toBe('string');
        }
      }
    }
    const custom2 = asList(suites[1]?.['testcase']);
    expect(custom2.map((c) => c['name'])).toEqual([0, 1, 2, 3].map((i) => `${i}_pizza_order_test_custom_2_${SERIAL}`));
    expect(suites[1]).toMatchObject({ tests: '4', failures: '1', skipped: '1' });
    expect(custom2[3]?.['skipped']).toMatchObject({ message: 'the run was interrupted' });
    expect(custom2[1]?.['failure']).toMatchObject({
      type: 'chatbot_error',
      message: 'the chatbot answered HTTP 500; 500: Chatbot internal error',
    });
    expect(custom2[1]?.['system-out']).toBe(
      'User: Hey there, a big pizza please\nAssistant: Error: chatbot server error',
    );
    expect(custom2[2]?.['system-out']).toBe('User: a < b & "c" \'d\' ]]> bell [31mred\nAssistant: ok 🍕');
    const predefined = asList(suites[2]?.['testcase']);
    expect(predefined[0]?.['failure']).toMatchObject({ type: 'missing_outputs', message: 'missing output: price' });
  });
});

describe('conversations.jsonl', () => {
  it('has one parseable chat-format line per conversation', async () => {
    await writeRun();
    const lines = (await readFile(join(runDir, 'conversations.jsonl'), 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(4);
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const entry of parsed) {
      const messages = entry['messages'] as { role: string; content: string }[];
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) {
        expect(Object.keys(message)).toEqual(['role', 'content']);
        expect(['user', 'assistant']).toContain(message.role);
        expect(typeof message.content).toBe('string');
      }
      expect(entry).toHaveProperty('metadata.language', 'English');
      expect(entry).toHaveProperty('outputs');
      expect(String(entry['file'])).toMatch(/^conversation_outputs\/[^/]+\/2025-01-27-13-39-17\/\d+_[^/]+\.yml$/);
    }
    const first = parsed.find(
      (p) => p['id'] === 'pizza_order_test_custom/0' && p['profile'] === 'profiles/pizza_order_test_custom.yml',
    );
    expect(first?.['outputs']).toEqual({
      price: { value: 12.5, currency: '$' },
      time: '14:30:00',
      order_id: 'ORD-1042',
    });
    const failed = parsed.find((p) => p['status'] === 'failed');
    expect((failed?.['messages'] as unknown[])[1]).toEqual({
      role: 'assistant',
      content: 'Error: chatbot server error',
    });
    expect((failed?.['turn_details'] as unknown[])[1]).toMatchObject({ error: { code: 500 } });
  });
});

describe('run.json and the summary', () => {
  it('records versions, seed, options, profiles, per-conversation status, errors, cost and timings', async () => {
    const summary = await writeRun();
    const manifest = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      format: 'simsim-run/1',
      simsim: '0.1.0',
      serial: SERIAL,
      seed: '42',
      options: { seed: 42, concurrency: 2 },
      seconds: 45.5,
      stop_reason: 'completed',
      totals: { conversations: 4, failures: 2, missing_outputs: 3, cost_usd: null },
    });
    expect(manifest['profiles']).toEqual([
      expect.objectContaining({
        file: 'profiles/other/pizza.yml',
        test_name: 'pizza_order_test_custom',
        hash: 'sha256:c',
        folder: 'pizza_order_test_custom',
      }),
      expect.objectContaining({
        file: 'profiles/pizza_order_test_custom.yml',
        test_name: 'pizza_order_test_custom',
        hash: 'sha256:a',
        folder: 'pizza_order_test_custom_2',
      }),
      expect.objectContaining({
        file: 'profiles/pizza_order_test_predefined.yml',
        test_name: 'pizza_order_test_predefined',
        hash: 'sha256:b',
        folder: 'pizza_order_test_predefined',
      }),
    ]);
    // Results without verdicts (written before the verdict step) count in no verdict.
    expect((manifest['profiles'] as Record<string, unknown>[])[0]).toMatchObject({
      verdicts: { passed: 0, failed: 0, inconclusive: 0, error: 0, simulator_fault: 0 },
      failed_expectations: 0,
      pass_rate: null,
      simulator_fault_rate: null,
    });
    const conversations = manifest['conversations'] as Record<string, unknown>[];
    expect(
      conversations.map((c) => [c['folder'], c['index'], c['status'], c['stop_reason'], c['error_codes'], c['passed']]),
    ).toEqual([
      ['pizza_order_test_custom', 0, 'completed', 'steps_reached', [], true],
      ['pizza_order_test_custom_2', 0, 'completed', 'steps_reached', [], true],
      ['pizza_order_test_custom_2', 1, 'failed', 'chatbot_error', [500, 1001], false],
      ['pizza_order_test_predefined', 0, 'completed', 'answered_limit', [1001], false],
    ]);
    expect(conversations[3]?.['files']).toEqual([
      `conversation_outputs/pizza_order_test_predefined/${SERIAL}/0_pizza_order_test_predefined_${SERIAL}.yml`,
      `conversation_outputs/pizza_order_test_predefined/${SERIAL}/0_pizza_order_test_predefined_${SERIAL}.csv`,
    ]);
    expect(conversations[0]?.['cost']).toMatchObject({ byModule: { user_simulator: { calls: 2, inputTokens: 900 } } });
    expect((manifest['totals'] as Record<string, unknown>)['cost_by_module']).toMatchObject({
      user_simulator: { calls: 5, inputTokens: 2200 },
      data_gathering: { usd: null },
    });

    expect(
      summary.profiles.map((p) => [p.folder, p.conversations, p.failures, p.missingOutputs, p.stopReasons, p.costUsd]),
    ).toEqual([
      ['pizza_order_test_custom', 1, 0, 0, { steps_reached: 1 }, 0.0005841],
      ['pizza_order_test_custom_2', 2, 1, 2, { steps_reached: 1, chatbot_error: 1 }, 0.00112545],
      ['pizza_order_test_predefined', 1, 1, 1, { answered_limit: 1 }, null],
    ]);
    expect(summary.profiles[2]?.files.map((f) => f.slice(runDir.length + 1))).toEqual([
      join(
        'conversation_outputs',
        'pizza_order_test_predefined',
        SERIAL,
        `0_pizza_order_test_predefined_${SERIAL}.yml`,
      ),
      join(
        'conversation_outputs',
        'pizza_order_test_predefined',
        SERIAL,
        `0_pizza_order_test_predefined_${SERIAL}.csv`,
      ),
    ]);
    expect(summary.files.map((f) => f.slice(runDir.length + 1))).toEqual([
      join('reports', '__stats_reports__', `report_${SERIAL}.yml`),
      'conversations.jsonl',
      'junit.xml',
      'run.json',
      'report.html',
    ]);
  });
});

describe('an empty run', () => {
  it('still writes every run file', async () => {
    const summary = await writeRunReports(runDir, [], fixtureRunInfo());
    expect(summary).toMatchObject({ conversations: 0, failures: 0, costUsd: 0, profiles: [] });
    expect(await readFile(join(runDir, 'junit.xml'), 'utf8')).toContain(
      '<testsuites name="simsim" tests="0" failures="0" errors="0" time="0.000">',
    );
    expect(await readFile(join(runDir, 'conversations.jsonl'), 'utf8')).toBe('');
  });
});

describe('resume and durability', () => {
  it('lists finished conversations from their records, leaving interrupted ones to run again', async () => {
    await claimTestFolders(runDir, SERIAL, fixtureRun());
    await writeConversation(runDir, pizzaResult());
    await writeConversation(runDir, failedResult());
    await writeConversation(
      runDir,
      pizzaResult({ id: 'pizza_order_test_custom/2', index: 2, status: 'interrupted', stopReason: 'interrupted' }),
    );
    const finished = await listFinishedConversations(runDir);
    expect(finished.map((r) => [r.folder, r.result.index, r.result.status])).toEqual([
      ['pizza_order_test_custom_2', 0, 'completed'],
      ['pizza_order_test_custom_2', 1, 'failed'],
    ]);
    expect(finished[0]?.result).toEqual(pizzaResult());
    expect(finished[0]?.files).toEqual([
      `conversation_outputs/pizza_order_test_custom_2/${SERIAL}/0_pizza_order_test_custom_2_${SERIAL}.yml`,
    ]);
    expect(await listFinishedConversations(runDir, 'another-serial')).toEqual([]);
    expect(await listFinishedConversations(join(runDir, 'nowhere'))).toEqual([]);
  });

  it('leaves no temporary files behind', async () => {
    await writeRun();
    const names = (await allFiles(runDir)).map((f) => f.slice(runDir.length));
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('secrets', () => {
  it('never reach an output file, even when a result carries one', async () => {
    const secret = 'sk-live-0123456789abcdef';
    const header = `Bearer ${secret}`;
    const leaky = pizzaResult({
      turns: [
        { role: 'user', text: `my key is ${secret}`, at: '2025-01-27T13:39:18.000Z' },
        {
          role: 'assistant',
          text: '',
          error: { code: 500, message: `401 for Authorization: ${header}` },
          at: '2025-01-27T13:39:19.000Z',
        },
      ],
      errors: [{ code: 500, message: `rejected ${header}` }],
      stopDetail: `the chatbot refused ${secret}`,
      simulatorIssues: [`leaked ${secret}`],
      metadata: {
        ...pizzaResult().metadata,
        context: [`use ${secret} as token, a very long sentence that YAML will fold across several lines of the file`],
      },
      outputs: [{ name: 'token', value: secret, status: 'ok' }],
    });
    const results = [leaky, failedResult()];
    await writeRun(
      results,
      fixtureRunInfo({ options: { connector: { headers: { Authorization: header } } }, secrets: [secret, header] }),
    );
    const files = await allFiles(runDir);
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      expect(text.includes(secret), file).toBe(false);
      expect(text.includes(secret.slice(0, 12)), file).toBe(false);
    }
  });
});
