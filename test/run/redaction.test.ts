import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startFakeLlmServer, type FakeLlmServer, type RecordedRequest, type Step } from '../helpers/fake-llm-server.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

const API_KEY = 'sk-dotenv-SECRET-4242';
const BOT_TOKEN = 'bot-TOKEN-secret-777';

/** A Taskyto-like chatbot that prints its token when it starts and echoes the Authorization header it gets. */
const CARELESS_BOT = `
import { createServer } from 'node:http';
const port = Number(process.argv[2]);
console.log('starting with token=' + process.env.BOT_TOKEN);
let n = 0;
createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    console.error('request with ' + req.headers.authorization);
    const reply = (value) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (req.url === '/conversation/new') return reply({ id: 'c' + ++n });
    if (req.url !== '/conversation/user_message') return reply({});
    const { id } = JSON.parse(body || '{}');
    reply({ id, message: 'The price is 12 euros. [debug ' + req.headers.authorization + ']' });
  });
}).listen(port, '127.0.0.1');
`;

/** The simulated user and the extractor both repeat the API key they were called with. */
function echoingLlm(request: RecordedRequest): Step {
  const key = String(request.headers['authorization']).replace(/^Bearer /, '');
  const body = request.body as {
    response_format?: { json_schema?: { schema?: { properties?: Record<string, unknown> } } };
  };
  const properties = body.response_format?.json_schema?.schema?.properties;
  if (properties !== undefined)
    return { json: Object.fromEntries(Object.keys(properties).map((name) => [name, `12 euros, key ${key}`])) };
  return { text: `Hello, my key is ${key}, a pizza please` };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

let llm: FakeLlmServer;
beforeAll(async () => {
  llm = await startFakeLlmServer({ reply: echoingLlm });
});
afterAll(async () => {
  await llm.close();
});

describe('one redaction policy over every sink of a run', () => {
  it('keeps echoed keys and tokens out of every file, the server log, the cost CSV, the cache and the verbose terminal', async () => {
    const port = await freePort();
    const dir = tempProject({
      '.env': `OPENAI_API_KEY=${API_KEY}\n`,
      'bot.mjs': CARELESS_BOT,
      'run.yml': stringify({
        project_folder: 'p',
        user_profile: 'shop.yml',
        connector: 'connectors/bot.yml',
        server: { command: ['node', 'bot.mjs', String(port)], url: `http://127.0.0.1:${port}/`, timeout: 20 },
      }),
      'connectors/bot.yml': stringify({
        name: 'careless bot',
        base_url: `http://127.0.0.1:${port}`,
        headers: { Authorization: 'Bearer {{env.BOT_TOKEN}}' },
        start: { path: '/conversation/new', method: 'POST', conversation_id_path: 'id' },
        send_message: {
          path: '/conversation/user_message',
          method: 'POST',
          payload_template: { id: '{{conversation_id}}', message: '{user_msg}' },
        },
        response_path: 'message',
      }),
      'profiles/shop.yml': stringify({
        test_name: 'shop',
        llm: { model: 'gpt-4o-mini' },
        user: { role: 'a customer', context: ['hungry'], goals: ['a pizza'] },
        chatbot: {
          is_starter: false,
          fallback: 'Sorry?',
          output: [{ price: { type: 'str', description: 'the price' } }],
        },
        conversation: { number: 1, goal_style: { steps: 2 }, interaction_style: ['default'] },
      }),
    });
    try {
      const run = await runCli(['run', '--run-from-yaml', dir, '--verbose', '--cache', '--seed', '3'], {
        env: { OPENAI_API_KEY: undefined, OPENAI_BASE_URL: llm.openaiBaseUrl, ANTHROPIC_API_KEY: undefined, BOT_TOKEN },
      });
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(llm.requests.length).toBeGreaterThan(2);
      expect(String(llm.requests[0]?.headers['authorization'])).toBe(`Bearer ${API_KEY}`);
      const shown = `${run.stdout}${run.stderr}`;
      expect(shown).not.toContain(API_KEY);
      expect(shown).not.toContain(BOT_TOKEN);
      expect(run.stderr).toContain('User: Hello, my key is [REDACTED], a pizza please');

      const written = filesUnder(dir).filter((f) => !['.env', 'run.yml'].includes(relative(dir, f)));
      const leaks = written.filter((f) => {
        const text = readFileSync(f, 'utf8');
        return text.includes(API_KEY) || text.includes(BOT_TOKEN);
      });
      expect(leaks.map((f) => relative(dir, f))).toEqual([]);

      const costCsv = written.find((f) => f.includes('__cost_reports__'));
      expect(costCsv).toBeDefined();
      expect(readFileSync(costCsv ?? '', 'utf8')).toContain('my key is [REDACTED]');
      const serverLog = written.find((f) => /server_.*\.log$/.test(f));
      expect(serverLog).toBeDefined();
      const log = readFileSync(serverLog ?? '', 'utf8');
      expect(log).toContain('starting with token=[REDACTED]');
      expect(log).toContain('request with [REDACTED]');
      const cached = written.filter((f) => f.includes(join('.simsim', 'cache', 'llm')));
      expect(cached.length).toBeGreaterThan(0);
      expect(cached.some((f) => readFileSync(f, 'utf8').includes('[REDACTED]'))).toBe(true);
      for (const name of ['run.json', 'conversations.jsonl', 'junit.xml'])
        expect(written.some((f) => f.endsWith(join('output', name)))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('Python list functions', () => {
  it('run with an allow-listed environment: what Python needs, no API keys', async () => {
    const dir = tempProject({
      'env_names.py': [
        'import os',
        '',
        'def names():',
        '    keep = ["PATH", "OPENAI_API_KEY", "BOT_TOKEN", "MY_SETTING"]',
        '    return [name + "=" + ("set" if name in os.environ else "unset") for name in keep]',
        '',
      ].join('\n'),
      'profiles/p.yml': stringify({
        test_name: 'p',
        llm: { model: 'offline' },
        user: {
          role: 'a customer',
          context: ['x'],
          goals: [
            '{{name}}',
            { name: { function: 'forward()', type: 'string', data: { file: 'env_names.py', function_name: 'names' } } },
          ],
        },
        chatbot: { is_starter: false, fallback: 'sorry', output: [] },
        conversation: { number: 'combinations', goal_style: { steps: 2 }, interaction_style: ['default'] },
      }),
    });
    try {
      const plan = await runCli(['plan', '--project', dir, '--seed', '1', '--json'], {
        env: { OPENAI_API_KEY: API_KEY, BOT_TOKEN, MY_SETTING: 'x' },
      });
      expect(plan.code, plan.stderr).toBe(0);
      const values = (
        JSON.parse(plan.stdout) as { profiles: { conversations: { values: Record<string, unknown> }[] }[] }
      ).profiles[0]?.conversations.map((c) => c.values['name']);
      expect(values).toEqual(['PATH=set', 'OPENAI_API_KEY=unset', 'BOT_TOKEN=unset', 'MY_SETTING=unset']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
