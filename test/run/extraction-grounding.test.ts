import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { startFakeLlmServer, type FakeLlmServer, type RecordedRequest, type Step } from '../helpers/fake-llm-server.ts';
import { runCli } from '../helpers/run-cli.ts';
import { startTaskytoBot, type TaskytoBot } from '../helpers/taskyto-bot.ts';
import { tempProject } from '../helpers/temp-project.ts';
import { taskytoRunArgs } from '../helpers/taskyto-run.ts';

interface ChatBody {
  messages?: Array<{ role: string; content: string }>;
  response_format?: { json_schema?: { schema?: { properties?: Record<string, unknown> } } };
}

/**
 * The extraction the fake LLM returns: the total with its amount also in the currency field, a
 * delivery fee the chatbot never mentioned, and an order number the chatbot did give.
 */
const EXTRACTION = {
  total: { value: 12.5, currency: '12.50 USD' },
  delivery_fee: { value: 4.99, currency: 'USD' },
  order_number: 'ORD-7',
};

function llmReply(request: RecordedRequest): Step {
  const body = request.body as ChatBody;
  const asked = body.response_format?.json_schema?.schema?.properties;
  if (asked !== undefined)
    return {
      json: Object.fromEntries(
        Object.keys(asked).map((name) => [name, EXTRACTION[name as keyof typeof EXTRACTION] ?? null]),
      ),
    };
  return { text: 'How much is my order, and what is its number?' };
}

// Two amounts and no word of the descriptions near them: the patterns cannot choose, so the LLM is asked.
const BOT_REPLY = 'ORD-7: that makes 12.50 USD, or 15.00 USD with the large size.';

let llm: FakeLlmServer;
let bot: TaskytoBot;
const folders: string[] = [];
beforeAll(async () => {
  llm = await startFakeLlmServer({ reply: llmReply });
  bot = await startTaskytoBot(() => BOT_REPLY);
});
afterAll(async () => {
  await llm.close();
  await bot.close();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

const profile = {
  test_name: 'receipt',
  llm: { model: 'gpt-4o-mini' },
  user: {
    language: 'English',
    role: 'a customer who ordered a pizza',
    context: ['you want your receipt'],
    goals: ['the total to pay'],
  },
  chatbot: {
    is_starter: false,
    fallback: 'I did not understand.',
    output: [
      { total: { type: 'money', description: 'the total to pay' } },
      { delivery_fee: { type: 'money', description: 'the delivery fee' } },
      { order_number: { type: 'str', description: 'the order number' } },
    ],
  },
  conversation: { number: 1, goal_style: { steps: 1 }, interaction_style: ['default'] },
};

describe('simsim run: LLM-extracted outputs are checked against their type and the transcript', () => {
  it('records an amount in the currency field as invalid and a price the bot never said as unsupported', async () => {
    const dir = tempProject({ 'profiles/receipt.yml': stringify(profile) });
    folders.push(dir);
    const env = { OPENAI_API_KEY: 'sk-grounding-test-0000', OPENAI_BASE_URL: llm.openaiBaseUrl, ANTHROPIC_API_KEY: '' };
    const run = await runCli(taskytoRunArgs(dir, bot.url, '--seed', '1'), { env, cwd: dir });
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(llm.requests.some((r) => (r.body as ChatBody).response_format !== undefined)).toBe(true);

    const [line] = readFileSync(join(dir, 'output', 'conversations.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(line?.['output_status']).toEqual({ total: 'invalid', delivery_fee: 'unsupported', order_number: 'ok' });
    expect(line?.['outputs']).toEqual({
      total: '{"value":12.5,"currency":"12.50 USD"}',
      delivery_fee: null,
      order_number: 'ORD-7',
    });

    const folder = join(dir, 'output', 'conversation_outputs', 'receipt');
    const serial = readdirSync(folder)[0] ?? '';
    const file = readdirSync(join(folder, serial)).find((f) => f.endsWith('.yml')) ?? '';
    const [meta] = parseAllDocuments(readFileSync(join(folder, serial, file), 'utf8')).map(
      (d) => d.toJS() as Record<string, unknown>,
    );
    expect(meta?.['data_output']).toEqual([
      { total: '{"value":12.5,"currency":"12.50 USD"}' },
      { delivery_fee: null },
      { order_number: 'ORD-7' },
    ]);
  });
});
