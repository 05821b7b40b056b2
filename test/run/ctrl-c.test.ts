import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startFakeLlmServer, type FakeLlmServer, type RecordedRequest, type Step } from '../helpers/fake-llm-server.ts';
import { BIN, runCli } from '../helpers/run-cli.ts';
import { startTaskytoBot, type BotAnswer, type TaskytoBot } from '../helpers/taskyto-bot.ts';
import { tempProject } from '../helpers/temp-project.ts';
import { startInTerminal, type TerminalRun } from '../helpers/terminal.ts';
import { taskytoRunArgs } from '../helpers/taskyto-run.ts';
import { sizesProfile } from '../helpers/sizes-profile.ts';

interface ManifestConversation {
  index: number;
  status: string;
  stop_reason: string;
  error_codes: number[];
  passed: boolean;
  verdict?: string;
}

const folders: string[] = [];
const bots: TaskytoBot[] = [];
let llm: FakeLlmServer;
/** What the fake LLM does with a request; each test sets it. */
let llmStep: (request: RecordedRequest) => Step = () => ({});

beforeAll(async () => {
  llm = await startFakeLlmServer({ reply: (request) => llmStep(request) });
});
afterAll(async () => {
  await llm.close();
  await Promise.all(bots.map((b) => b.close()));
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

function project(profile: Record<string, unknown>): string {
  const dir = tempProject({ 'profiles/shop.yml': stringify(profile) });
  folders.push(dir);
  return dir;
}

function profile(model: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...sizesProfile({ testName: 'shop', model, sizes: ['small', 'medium', 'large', 'family'], steps: 3 }),
    ...overrides,
  };
}

const env = () => ({
  ...process.env,
  NO_COLOR: '1',
  CI: 'true',
  OPENAI_API_KEY: 'sk-ctrl-c-test-key',
  OPENAI_BASE_URL: llm.openaiBaseUrl,
});

function runArgs(dir: string, bot: TaskytoBot): string[] {
  return taskytoRunArgs(dir, bot.url, '-j', '2', '--seed', '4', '--retries', '0', '-o', join(dir, 'output'));
}

function conversations(dir: string): ManifestConversation[] {
  return (
    JSON.parse(readFileSync(join(dir, 'output', 'run.json'), 'utf8')) as { conversations: ManifestConversation[] }
  ).conversations;
}

/** Ctrl-C in the terminal, then the checks every interrupted run must pass, then a resume that finishes it. */
async function interruptThenResume(dir: string, bot: TaskytoBot, terminal: TerminalRun): Promise<void> {
  expect(await terminal.exited, terminal.output()).toBe(130);
  const interrupted = conversations(dir);
  expect(
    interrupted.some((c) => c.status === 'interrupted'),
    terminal.output(),
  ).toBe(true);
  for (const c of interrupted) {
    expect(c.status === 'completed' || c.status === 'interrupted', JSON.stringify(c)).toBe(true);
    expect(c.stop_reason, JSON.stringify(c)).not.toMatch(/chatbot|simulator/);
    expect(c.error_codes, JSON.stringify(c)).toEqual([]);
  }
  expect(terminal.output()).not.toContain('chatbot_error');

  llmStep = () => ({});
  const resumed = await runCli(
    [...runArgs(dir, bot).filter((a) => a !== '--seed' && a !== '4'), '--resume', join(dir, 'output')],
    { env: env() },
  );
  expect(resumed.code, resumed.stderr + resumed.stdout).toBe(0);
  const finished = conversations(dir);
  expect(finished.map((c) => c.index).sort()).toEqual([0, 1, 2, 3]);
  for (const c of finished) {
    expect(c, JSON.stringify(c)).toMatchObject({ status: 'completed', error_codes: [] });
    // The fake user never names the goal's values: the simulated user's fault, not the chatbot's.
    expect(['passed', 'simulator_fault'], JSON.stringify(c)).toContain(c.verdict);
  }
}

describe('Ctrl-C in a terminal during a run', () => {
  it('a chatbot request in flight: the conversation is interrupted, not a chatbot error, and resume plays it', async () => {
    let messages = 0;
    let slow = false;
    const bot = await startTaskytoBot((message): BotAnswer => {
      if (++messages === 3) {
        slow = true;
        terminal.ctrlC();
      }
      // Around the Ctrl-C, replies take long enough to still be in flight when it lands.
      return slow ? { delayMs: 1500, text: `Noted: ${message}` } : `Noted: ${message}`;
    });
    bots.push(bot);
    const dir = project(profile('offline'));
    const terminal = startInTerminal([BIN, ...runArgs(dir, bot)], env());
    await terminal.exited;
    slow = false;
    await interruptThenResume(dir, bot, terminal);
  });

  it('an LLM call of the simulated user in flight: interrupted', async () => {
    let calls = 0;
    llmStep = (): Step => {
      if (++calls === 3) terminal.ctrlC();
      return calls >= 3 ? { delayMs: 1500 } : {};
    };
    const bot = await startTaskytoBot((message) => `Noted: ${message}`);
    bots.push(bot);
    const dir = project(profile('gpt-4o-mini'));
    const terminal = startInTerminal([BIN, ...runArgs(dir, bot)], env());
    await interruptThenResume(dir, bot, terminal);
  });

  it('an output-extraction LLM call in flight: interrupted, not a conversation with missing outputs', async () => {
    let extractions = 0;
    const extraction = (request: RecordedRequest) => request.body['response_format'] !== undefined;
    llmStep = (request): Step => {
      if (!extraction(request)) return {};
      extractions++;
      if (extractions === 1) terminal.ctrlC();
      return { delayMs: 1500, then: { json: { order_id: 'ORD-1' } } };
    };
    const bot = await startTaskytoBot((message) => `Noted: ${message} Your order id is ORD-1.`);
    bots.push(bot);
    const dir = project(
      profile('gpt-4o-mini', {
        chatbot: {
          is_starter: false,
          fallback: 'Sorry?',
          output: [{ order_id: { type: 'str', description: 'the order id' } }],
        },
        conversation: { number: 'combinations', goal_style: { steps: 1 }, interaction_style: ['default'] },
      }),
    );
    const terminal = startInTerminal([BIN, ...runArgs(dir, bot)], env());
    expect(await terminal.exited, terminal.output()).toBe(130);
    const interrupted = conversations(dir);
    expect(interrupted.filter((c) => c.status === 'interrupted').length, terminal.output()).toBeGreaterThan(0);
    for (const c of interrupted) expect(c.error_codes, JSON.stringify(c)).not.toContain(1001);

    llmStep = (request) => (extraction(request) ? { json: { order_id: 'ORD-1' } } : {});
    const resumed = await runCli(
      [...runArgs(dir, bot).filter((a) => a !== '--seed' && a !== '4'), '--resume', join(dir, 'output')],
      { env: env() },
    );
    expect(resumed.code, resumed.stderr + resumed.stdout).toBe(0);
    expect(conversations(dir).map((c) => [c.index, c.status])).toEqual([
      [0, 'completed'],
      [1, 'completed'],
      [2, 'completed'],
      [3, 'completed'],
    ]);
  });
});
