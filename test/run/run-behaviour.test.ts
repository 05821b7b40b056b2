import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { captureCli } from '../helpers/capture-cli.ts';
import { startFakeLlmServer, type FakeLlmServer, type RecordedRequest, type Step } from '../helpers/fake-llm-server.ts';
import { startTaskytoBot, type BotAnswer, type TaskytoBot } from '../helpers/taskyto-bot.ts';
import { tempProject } from '../helpers/temp-project.ts';
import { taskytoRunArgs } from '../helpers/taskyto-run.ts';

const FALLBACK = "I'm sorry, I did not understand. Can you say that again?";

interface ChatBody {
  system?: string;
  messages?: Array<{ role: string; content: string }>;
  response_format?: { json_schema?: { schema?: { properties?: Record<string, unknown> } } };
}

/** What the fake LLM answers; tests change it. */
let answered = false;
function llmReply(request: RecordedRequest): Step {
  const body = request.body as ChatBody;
  const properties = body.response_format?.json_schema?.schema?.properties;
  if (properties?.['answer'] !== undefined) return { json: { answer: ['apple juice', 'orange juice'] } };
  if (properties) {
    return {
      json: Object.fromEntries(
        Object.keys(properties).map((k) => [
          k,
          k.startsWith('goal_') ? { answered, evidence: answered ? 'yes' : null } : null,
        ]),
      ),
    };
  }
  const turn = (body.messages ?? []).filter((m) => m.role === 'assistant').length + 1;
  return { text: `I would like a small pizza, message ${turn}.` };
}

let llm: FakeLlmServer;
const bots: TaskytoBot[] = [];
beforeAll(async () => {
  llm = await startFakeLlmServer({ reply: llmReply });
});
afterAll(async () => {
  await llm.close();
  await Promise.all(bots.map((b) => b.close()));
});

async function bot(answer: (message: string, turn: number) => BotAnswer, greeting?: string): Promise<TaskytoBot> {
  const started = await startTaskytoBot(answer, greeting);
  bots.push(started);
  return started;
}

function project(
  overrides: {
    conversation?: Record<string, unknown>;
    chatbot?: Record<string, unknown>;
    user?: Record<string, unknown>;
  } = {},
): string {
  const profile = {
    test_name: 'shop',
    llm: { model: 'gpt-4o-mini' },
    user: {
      role: 'a customer',
      goals: ['a {{size}} pizza', { size: { function: 'forward()', type: 'string', data: ['small', 'large'] } }],
      ...overrides.user,
    },
    chatbot: {
      is_starter: false,
      fallback: FALLBACK,
      output: [{ order_id: { type: 'order_id', description: 'the order id' } }],
      ...overrides.chatbot,
    },
    conversation: {
      number: 'combinations',
      goal_style: { steps: 3 },
      interaction_style: ['default'],
      ...overrides.conversation,
    },
  };
  return tempProject({ 'profiles/shop.yml': stringify(profile) });
}

async function run(dir: string, target: TaskytoBot, ...args: string[]) {
  const env = { OPENAI_API_KEY: 'sk-run-test-key-000', OPENAI_BASE_URL: llm.openaiBaseUrl };
  const result = await captureCli(taskytoRunArgs(dir, target.url, '--seed', '3', ...args), dir, () => new Date(), env);
  const manifest = JSON.parse(readFileSync(join(dir, 'output', 'run.json'), 'utf8')) as {
    conversations: Array<Record<string, unknown>>;
  };
  return { ...result, conversations: manifest.conversations };
}

const orderBot = (message: string, turn: number) =>
  turn >= 2 ? `Your order id is ORD-${1000 + turn}.` : `You said: ${message}`;

describe('simsim run: goal styles', () => {
  it('steps: N user messages per conversation, one conversation per forward value', async () => {
    const target = await bot(orderBot);
    const result = await run(project(), target);
    expect(result.code, result.stderr).toBe(0);
    expect(result.conversations.map((c) => [c['stop_reason'], c['turns']])).toEqual([
      ['steps_reached', 6],
      ['steps_reached', 6],
    ]);
    expect([...target.received.values()].map((m) => m.length)).toEqual([3, 3]);
  });

  it('random steps: drawn per conversation within 1..N', async () => {
    const result = await run(
      project({ conversation: { number: 4, goal_style: { 'random steps': 3 } } }),
      await bot(orderBot),
    );
    for (const c of result.conversations) expect(c['turns']).toBeLessThanOrEqual(6);
    expect(result.conversations).toHaveLength(4);
  });

  it('all_answered: ends when the goal check says so and the outputs are found', async () => {
    answered = true;
    try {
      const result = await run(
        project({ conversation: { number: 1, goal_style: { all_answered: { export: true, limit: 6 } } } }),
        await bot(orderBot),
      );
      expect(result.conversations[0]).toMatchObject({ stop_reason: 'all_answered', turns: 4 });
    } finally {
      answered = false;
    }
  });

  it('all_answered: ends at the limit with the missing outputs as 1001', async () => {
    const result = await run(
      project({ conversation: { number: 1, goal_style: { all_answered: { limit: 2 } } } }),
      await bot((m) => `You said: ${m}`),
    );
    expect(result.conversations[0]).toMatchObject({ stop_reason: 'answered_limit', error_codes: [1001] });
    expect(result.code).toBe(1);
    expect(
      (
        await run(
          project({ conversation: { number: 1, goal_style: { all_answered: { limit: 2 } } } }),
          await bot((m) => m),
          '--fail-on',
          'none',
        )
      ).code,
    ).toBe(0);
  });
});

describe('simsim run: the chatbot side', () => {
  it("shows a starter bot's greeting to the user and really sends its first message", async () => {
    const target = await bot(orderBot, 'Welcome to the shop!');
    const before = llm.requests.length;
    await run(project({ chatbot: { is_starter: true }, conversation: { number: 1 } }), target);
    const first = llm.requests.slice(before).find((r) => (r.body as ChatBody).response_format === undefined)
      ?.body as ChatBody;
    expect(first.messages?.find((m) => m.role !== 'system')?.content).toBe('Welcome to the shop!');
    expect([...target.received.values()][0]?.[0]).toBe('I would like a small pizza, message 1.');
  });

  it('ends a fallback loop after nine fallbacks with error 1000', async () => {
    const result = await run(
      project({ conversation: { number: 1, goal_style: { steps: 20 } } }),
      await bot(() => FALLBACK),
    );
    expect(result.conversations[0]).toMatchObject({ stop_reason: 'fallback_loop', error_codes: [1000, 1001] });
    expect(result.code).toBe(1);
  });

  it('ends with an error turn when the chatbot fails (500) and keeps the other conversations', async () => {
    const result = await run(
      project(),
      await bot((m, turn) => (turn >= 2 ? { status: 503, body: 'down' } : orderBot(m, turn))),
    );
    expect(result.conversations.map((c) => c['stop_reason'])).toEqual(['chatbot_error', 'chatbot_error']);
    expect(result.conversations[0]?.['error_codes']).toEqual([500, 1001]);
  });

  it('records a timeout as 504', async () => {
    const target = await bot(() => ({ delayMs: 1500, text: 'late' }));
    const dir = project({ conversation: { number: 1 } });
    const taskyto = readFileSync(join(import.meta.dirname, '../../connectors/taskyto.yml'), 'utf8').replace(
      'timeout: 20',
      'timeout: 0.5',
    );
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'slow.yml'), taskyto);
    const env = { OPENAI_API_KEY: 'sk-run-test-key-000', OPENAI_BASE_URL: llm.openaiBaseUrl };
    const result = await captureCli(
      [
        'run',
        '--project-path',
        dir,
        '--connector',
        join(dir, 'slow.yml'),
        '-cp',
        `base_url=${target.url}`,
        '--seed',
        '3',
      ],
      dir,
      () => new Date(),
      env,
    );
    const manifest = JSON.parse(readFileSync(join(dir, 'output', 'run.json'), 'utf8')) as {
      conversations: Array<Record<string, unknown>>;
    };
    expect(result.code).toBe(1);
    expect(manifest.conversations[0]).toMatchObject({ stop_reason: 'chatbot_timeout', error_codes: [504, 1001] });
  });
});

describe('simsim run: interaction styles', () => {
  it('tells the simulated user its styles, and switches language per turn for change language', async () => {
    const before = llm.requests.length;
    const styles = ['long phrases', 'single question', { 'change language': ['Italian'] }];
    const result = await run(
      project({ conversation: { number: 2, goal_style: { steps: 8 }, interaction_style: styles } }),
      await bot(orderBot),
    );
    const chats = llm.requests
      .slice(before)
      .map((r) => r.body as ChatBody)
      .filter((b) => b.response_format === undefined);
    const system = chats[0]?.messages?.find((m) => m.role === 'system')?.content ?? '';
    expect(system).toContain('Write long messages of several sentences');
    expect(system).toContain('Ask for one thing per message.');
    const notes = chats.map((b) => /\[Note: Write this message in (\w+)/.exec(b.messages?.at(-1)?.content ?? '')?.[1]);
    expect(notes.every((n) => n === 'Italian' || n === 'English')).toBe(true);
    expect(notes).toContain('Italian');
    expect(result.code).toBe(0);
  });

  it('draws styles per conversation from a leading random', async () => {
    const before = llm.requests.length;
    await run(
      project({
        conversation: {
          number: 6,
          goal_style: { steps: 1 },
          interaction_style: [{ random: ['long phrases', 'all questions', 'single question'] }],
        },
      }),
      await bot(orderBot),
    );
    const systems = new Set(
      llm.requests
        .slice(before)
        .map((r) => (r.body as ChatBody).messages?.find((m) => m.role === 'system')?.content)
        .filter((s) => s !== undefined),
    );
    expect(systems.size).toBeGreaterThan(1);
  });
});

describe('simsim run: cost caps', () => {
  it('stops the run at --max-cost: exit 3, Sensei error 2000, outputs written', async () => {
    const result = await run(
      project({ conversation: { number: 4, goal_style: { steps: 20 } } }),
      await bot(orderBot),
      '--max-cost',
      '0.0004',
      '-j',
      '1',
    );
    expect(result.code).toBe(3);
    expect(
      result.conversations.some(
        (c) => c['stop_reason'] === 'cost_cap_run' && (c['error_codes'] as number[]).includes(2000),
      ),
    ).toBe(true);
    expect(result.stdout).toContain('not started (the cost cap was reached)');
  });

  it('stops one conversation at goal_style.max_cost with 2001 and goes on with the others', async () => {
    const result = await run(
      project({ conversation: { number: 2, goal_style: { steps: 20, max_cost: 0.0003 } } }),
      await bot(orderBot),
    );
    expect(result.conversations.map((c) => c['stop_reason'])).toEqual([
      'cost_cap_conversation',
      'cost_cap_conversation',
    ]);
    expect(result.conversations[0]?.['error_codes']).toContain(2001);
    expect(result.code).toBe(1);
  });
});

describe('simsim run: determinism', () => {
  it('gives the same conversations for a seed whatever the concurrency', async () => {
    const target = await bot(orderBot);
    const conversation = {
      number: 6,
      goal_style: { 'random steps': 4 },
      interaction_style: [{ random: ['long phrases', 'single question', { 'change language': ['French'] }] }],
    };
    const user = {
      role: 'a customer',
      goals: [
        'a {{size}} pizza with {{extra}}',
        { size: { function: 'random()', type: 'string', data: ['small', 'medium', 'large'] } },
        { extra: { function: 'another()', type: 'string', data: ['ham', 'olives', 'corn'] } },
      ],
    };
    const transcripts = async (jobs: string) => {
      const dir = project({ conversation, user });
      await run(dir, target, '-j', jobs, '--seed', '99');
      return readFileSync(join(dir, 'output', 'conversations.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.stringify((JSON.parse(line) as { messages: unknown }).messages));
    };
    const one = await transcripts('1');
    const eight = await transcripts('8');
    expect(eight).toEqual(one);
    expect(new Set(one).size).toBeGreaterThan(1);
  });
});

describe('simsim run: secrets', () => {
  it('never writes a chatbot token or an API key to any output file', async () => {
    const { createServer } = await import('node:http');
    const { readdirSync, statSync, writeFileSync } = await import('node:fs');
    const token = 'tok-SECRET-9f8e7d6c5b4a';
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(String(req.headers['authorization']));
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const message = (JSON.parse(raw || '{}') as { text?: string }).text ?? '';
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ reply: `ok, and your token ${token} works. You said ${message}` }));
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;
    const dir = project({ conversation: { number: 1 } });
    writeFileSync(
      join(dir, 'secret-bot.yml'),
      stringify({
        name: 'secret bot',
        base_url: `http://127.0.0.1:${port}`,
        headers: { Authorization: 'Bearer {{env.BOT_TOKEN}}' },
        send_message: { path: '/chat', method: 'POST', payload_template: { text: '{user_msg}' } },
        response_path: 'reply',
      }),
    );
    const env = { OPENAI_API_KEY: 'sk-run-test-key-000', OPENAI_BASE_URL: llm.openaiBaseUrl, BOT_TOKEN: token };
    const result = await captureCli(
      ['run', '--project-path', dir, '--connector', join(dir, 'secret-bot.yml'), '--seed', '3', '-v'],
      dir,
      () => new Date(),
      env,
    );
    server.close();
    expect(seen[0]).toBe(`Bearer ${token}`);
    const files: string[] = [];
    const walk = (path: string) => {
      for (const name of readdirSync(path)) {
        const full = join(path, name);
        if (statSync(full).isDirectory()) walk(full);
        else files.push(full);
      }
    };
    walk(join(dir, 'output'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toContain(token);
      expect(text, file).not.toContain('sk-run-test-key-000');
    }
    expect(result.stdout + result.stderr).not.toContain(token);
  });
});

describe('simsim validate --expand-any', () => {
  it('generates and caches the any() values, so plan shows them; validate alone never calls the LLM', async () => {
    const user = {
      role: 'a customer',
      goals: [
        'a {{drink}}',
        { drink: { function: 'forward()', type: 'string', data: ['cola', 'any(2 fruit juices)'] } },
      ],
    };
    const dir = project({ user });
    const env = { OPENAI_API_KEY: 'sk-run-test-key-000', OPENAI_BASE_URL: llm.openaiBaseUrl };
    const before = llm.requests.length;
    expect((await captureCli(['validate', '--project', dir], dir, () => new Date(), env)).code).toBe(0);
    expect(llm.requests.length).toBe(before);
    const placeholder = await captureCli(['plan', '--project', dir, '--seed', '1'], dir, () => new Date(), env);
    expect(placeholder.stdout).toContain('<any(2 fruit juices)>');
    const expanded = await captureCli(['validate', '--project', dir, '--expand-any'], dir, () => new Date(), env);
    expect(expanded.code).toBe(0);
    expect(expanded.stderr).toContain('any(): 1 profile planned with generated values');
    expect(llm.requests.length).toBe(before + 1);
    const plan = await captureCli(['plan', '--project', dir, '--seed', '1'], dir, () => new Date(), env);
    expect(plan.stdout).toContain('apple juice');
    expect(plan.stdout).not.toContain('<any(');
  });
});

describe('simsim run: any() values', () => {
  it('generates them with the LLM once, caches them in the project, and plays them', async () => {
    const user = {
      role: 'a customer',
      goals: [
        'a {{drink}}',
        { drink: { function: 'forward()', type: 'string', data: ['cola', 'any(2 fruit juices)'] } },
      ],
    };
    const dir = project({ user, conversation: { number: 'combinations', goal_style: { steps: 1 } } });
    const target = await bot(orderBot);
    const before = llm.requests.length;
    const first = await run(dir, target, '--fail-on', 'none');
    expect(first.code).toBe(0);
    const anyCalls = llm.requests
      .slice(before)
      .filter((r) => JSON.stringify(r.body).includes('A list of: 2 fruit juices'));
    expect(anyCalls).toHaveLength(1);
    expect(first.conversations).toHaveLength(3);
    const jsonl = readFileSync(join(dir, 'output', 'conversations.jsonl'), 'utf8');
    expect(jsonl).toContain('apple juice');
    expect(jsonl).toContain('orange juice');
    const again = llm.requests.length;
    await run(dir, target);
    expect(
      llm.requests.slice(again).filter((r) => JSON.stringify(r.body).includes('A list of: 2 fruit juices')),
    ).toHaveLength(0);
  });
});

describe('simsim run: LLM settings', () => {
  it('--cache replays every LLM call on the next run', async () => {
    const dir = project({ conversation: { number: 1, goal_style: { steps: 2 } } });
    const target = await bot(orderBot);
    await run(dir, target, '--cache', '--fail-on', 'none');
    const before = llm.requests.length;
    const second = await run(dir, target, '--cache', '--fail-on', 'none');
    expect(second.conversations).toHaveLength(1);
    expect(llm.requests.length).toBe(before);
  });

  it('a real provider without its key fails before the run, naming the variable and --model offline', async () => {
    const dir = project({ conversation: { number: 1 } });
    const target = await bot(orderBot);
    const result = await captureCli(taskytoRunArgs(dir, target.url), dir, () => new Date(), { OPENAI_API_KEY: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('OPENAI_API_KEY');
    expect(result.stderr).toContain('--model offline');
    expect(target.received.size).toBe(0);
  });
});

describe('simsim run: serials', () => {
  it("two runs started in the same second into one folder keep each other's files", async () => {
    const dir = project({ conversation: { number: 1, goal_style: { steps: 1 } } });
    const target = await bot(orderBot);
    const env = { OPENAI_API_KEY: 'sk-run-test-key-000', OPENAI_BASE_URL: llm.openaiBaseUrl };
    const frozen = () => new Date('2026-05-01T10:00:00Z');
    for (let i = 0; i < 2; i++)
      await captureCli(taskytoRunArgs(dir, target.url, '--fail-on', 'none'), dir, frozen, env);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(join(dir, 'output', 'conversation_outputs', 'shop'))).toHaveLength(2);
  });
});
