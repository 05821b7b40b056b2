import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { duration } from '../../src/reporters/format.ts';
import { BIN, runCli } from '../helpers/run-cli.ts';
import { startTaskytoBot, type BotAnswer } from '../helpers/taskyto-bot.ts';
import { tempProject } from '../helpers/temp-project.ts';
import { taskytoRunArgs } from '../helpers/taskyto-run.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function project(profile: Record<string, unknown> = {}): string {
  const dir = tempProject({
    'profiles/shop.yml': stringify({
      test_name: 'shop',
      llm: { model: 'offline' },
      user: {
        role: 'a customer',
        context: ['hungry'],
        goals: ['a {{size}} pizza', { size: { function: 'forward()', type: 'string', data: ['small', 'large'] } }],
      },
      chatbot: {
        is_starter: false,
        fallback: 'Sorry?',
        output: [
          { price: { type: 'money', description: 'the total price' } },
          { order_id: { type: 'str', description: 'the order number' } },
        ],
      },
      conversation: { number: 'combinations', goal_style: { steps: 2 }, interaction_style: ['default'] },
      ...profile,
    }),
  });
  dirs.push(dir);
  return dir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function withBot<T>(answer: (message: string) => BotAnswer, use: (url: string) => Promise<T>): Promise<T> {
  const bot = await startTaskytoBot(answer);
  try {
    return await use(bot.url);
  } finally {
    await bot.close();
  }
}

const run = (dir: string, url: string, ...more: string[]) =>
  runCli(taskytoRunArgs(dir, url, '--seed', '1', '-o', join(dir, 'out'), ...more));

/** Runs the CLI in a pseudo-terminal (util-linux `script`), feeding it `input`, and returns what the terminal showed. */
async function inTerminal(command: string, input = ''): Promise<string> {
  const log = join(tempProject({}), 'tty.log');
  dirs.push(join(log, '..'));
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
  delete env['CI'];
  await new Promise<void>((resolve, reject) => {
    const child = spawn('script', ['-qec', `stty cols 120 rows 30; ${command}`, log], {
      env,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
    child.stdin.end(input);
  });
  return readFileSync(log, 'utf8').replace(/\r/g, '\n');
}

describe('the console says why each conversation failed', () => {
  it('names the missing outputs, one line per conversation, and JUnit calls them outputs', async () => {
    const dir = project();
    const result = await withBot(
      () => 'Noted.',
      (url) => run(dir, url),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('simsim: 2 conversations from 1 profile (seed 1)');
    const lines = result.stderr.split('\n').filter((l) => /^\[\d\/2\]/.test(l));
    expect(lines).toHaveLength(2);
    for (const line of lines)
      expect(line).toMatch(
        /^\[\d\/2\] FAILED shop\/\d: steps_reached \(4 messages, \$0\.0000\) — missing outputs: price, order_id$/,
      );
    const junit = readFileSync(join(dir, 'out', 'junit.xml'), 'utf8');
    expect(junit).toContain('<failure message="missing outputs: price, order_id" type="missing_outputs">');
    expect(junit).not.toContain('goals left to complete');
  });

  it('shows where a down chatbot was looked for, and the HTTP status and path of an error', async () => {
    const dir = project({ chatbot: { is_starter: false, fallback: 'Sorry?', output: [] } });
    const down = await withBot(
      () => 'unused',
      (url) => Promise.resolve(url),
    );
    // Past the preflight check (which stops a run whose chatbot is down), each conversation says where it looked.
    const refused = await run(dir, down, '--no-preflight');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(
        `FAILED shop/0: chatbot_error \\(\\d messages?, \\$0\\.0000\\) — cannot reach ${down}/conversation/new \\(connection refused\\)\\n`,
      ),
    );
    const broken = await withBot(
      () => ({ status: 503, body: 'maintenance' }),
      (url) => run(dir, url),
    );
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(
      /FAILED shop\/0: chatbot_error \(.*\) — POST http:\/\/127\.0\.0\.1:\d+\/conversation\/user_message answered 503 Service Unavailable: maintenance/,
    );
  });

  it('prints the failures above the live spinner in a real terminal', async () => {
    const dir = project();
    const shown = await withBot(
      () => 'Noted.',
      (url) =>
        inTerminal(
          `${process.execPath} ${BIN} run --project-path ${dir} -t taskyto -cp base_url=${url} --seed 1 -o ${join(dir, 'out')}`,
        ),
    );
    expect(shown).toMatch(/✖ shop\/0: steps_reached — missing outputs: price, order_id/);
    expect(shown).toMatch(/✖ shop\/1: steps_reached — missing outputs: price, order_id/);
    expect(shown).toContain('2/2 done · 0 running · 2 failed');
  });
});

describe('the run summary', () => {
  it('prints the wall time of the run, not the sum of the conversation times', async () => {
    const dir = project({
      chatbot: { is_starter: false, fallback: 'Sorry?', output: [] },
      user: {
        role: 'a customer',
        context: ['hungry'],
        goals: [
          'a {{size}} pizza',
          {
            size: {
              function: 'forward()',
              type: 'string',
              data: ['small', 'medium', 'large', 'family', 'mini', 'party'],
            },
          },
        ],
      },
    });
    const result = await withBot(
      () => ({ delayMs: 700, text: 'Noted.' }),
      (url) => run(dir, url, '-j', '6'),
    );
    expect(result.code, result.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'out', 'run.json'), 'utf8')) as {
      seconds: number;
      totals: { conversation_seconds: number };
    };
    // Six conversations at once: together they took several times the run's own time.
    expect(duration(manifest.totals.conversation_seconds * 1000)).not.toBe(duration(manifest.seconds * 1000));
    expect(result.stdout).toContain(
      `6 conversations, 0 failed, $0.0000, ${duration(manifest.seconds * 1000)} (seed 1,`,
    );
  });
});

describe('text from the chatbot on the terminal', () => {
  const hostile = 'Hi\u001b[2J\u001b[31m you are hacked\u001b]0;owned\u0007 \u202egnp.exe\r';

  it('is shown with control and bidi characters escaped by --verbose, and kept as it was in the files', async () => {
    const dir = project({ chatbot: { is_starter: false, fallback: 'Sorry?', output: [] } });
    const result = await withBot(
      () => hostile,
      (url) => run(dir, url, '--verbose', '-j', '1'),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      'Chatbot: Hi\\x1b[2J\\x1b[31m you are hacked\\x1b]0;owned\\x07 \\u202egnp.exe\\x0d\n',
    );
    for (const raw of ['\u001b', '\u0007', '\u202e', '\r']) expect(result.stderr).not.toContain(raw);
    const jsonl = readFileSync(join(dir, 'out', 'conversations.jsonl'), 'utf8');
    const first = JSON.parse(jsonl.split('\n')[0] ?? '{}') as { messages: { role: string; content: string }[] };
    expect(first.messages.find((m) => m.role === 'assistant')?.content).toBe(hostile);
    const transcript = filesUnder(join(dir, 'out', 'conversation_outputs')).find((f) => f.endsWith('.yml')) ?? '';
    const strings = (v: unknown): string[] =>
      typeof v === 'string' ? [v] : typeof v === 'object' && v !== null ? Object.values(v).flatMap(strings) : [];
    expect(
      strings(parseAllDocuments(readFileSync(transcript, 'utf8')).map((d) => d.toJS() as unknown)).some((text) =>
        text.includes(hostile),
      ),
    ).toBe(true);
  });

  it('is shown escaped by chat, replies and raw bodies alike', async () => {
    const result = await withBot(
      () => hostile,
      (url) => runCli(['chat', '-t', 'taskyto', '-cp', `base_url=${url}`, '-m', 'hi', '--raw']),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Hi\\x1b[2J\\x1b[31m you are hacked\\x1b]0;owned\\x07 \\u202egnp.exe\\x0d\n');
    for (const raw of ['\u001b', '\u0007', '\u202e', '\r']) expect(result.stdout).not.toContain(raw);
  });
});

describe("chat's own commands", () => {
  it('are handled in a real terminal, listed by /help, and never sent to the chatbot', async () => {
    const bot = await startTaskytoBot((message) => `got: ${message}`);
    try {
      const shown = await inTerminal(
        `${process.execPath} ${BIN} chat -t taskyto -cp base_url=${bot.url}`,
        '/help\n/qiut\n//start\nhello\n/quit\n',
      );
      expect(shown).toContain('/new   start a new conversation');
      expect(shown).toContain('/help  list these commands');
      expect(shown).toContain('unknown command /qiut (did you mean `/quit`?): nothing was sent');
      expect(shown).toContain('got: /start');
      expect(shown).toContain('got: hello');
      expect([...bot.received.values()].flat()).toEqual(['/start', 'hello']);
    } finally {
      await bot.close();
    }
  });
});
