import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GREETING, newSession, reply } from '../../examples/pizza-bot/bot.mjs';
import { startPizzaBot, type RunningPizzaBot } from '../../examples/pizza-bot/server.mjs';
import { offlinePizzaRun, type OfflinePizzaRun } from '../helpers/offline-pizza-run.ts';
import { runCli } from '../helpers/run-cli.ts';

/** The new release of the shop: a medium pepperoni pizza costs $12.25 instead of $11.50. */
const NEW_PRICES = { pepperoni: 12.25 };

interface Line {
  id: string;
  stop_reason: string;
  messages: { role: 'user' | 'assistant'; content: string }[];
  turn_details: { replay?: { recorded: string | null; same: boolean; similarity: number } }[];
  outputs: Record<string, unknown>;
}
interface ConversationJson {
  id: string;
  replay: {
    mode: string;
    source_id: string;
    replies_compared: number;
    replies_changed: number;
    diverged_after?: number | null;
  };
}

const jsonl = (dir: string): Map<string, Line> =>
  new Map(
    readFileSync(join(dir, 'conversations.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line)
      .map((l) => [l.id, l]),
  );
const runJson = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as {
    replay_of?: Record<string, unknown>;
    conversations: ConversationJson[];
  };

/**
 * What the new release answers to the recorded user messages, asked of the bot module directly
 * (no HTTP, no simsim): index 0 the greeting, index k the reply to user message k.
 */
function newReplies(recorded: Line): string[] {
  const session = newSession(NEW_PRICES);
  return [GREETING, ...recorded.messages.filter((m) => m.role === 'user').map((m) => reply(session, m.content))];
}

/** The assistant messages of a conversation by position (0: the greeting when the bot starts). */
function repliesByPosition(line: Line): Map<number, { text: string; detail: Line['turn_details'][number] }> {
  const out = new Map<number, { text: string; detail: Line['turn_details'][number] }>();
  let users = 0;
  line.messages.forEach((m, i) => {
    if (m.role === 'user') users++;
    else out.set(users, { text: m.content, detail: line.turn_details[i] ?? {} });
  });
  return out;
}

const amounts = (text: string) => text.replace(/\$\d+\.\d\d/g, '$X');

let source: OfflinePizzaRun;
let bot: RunningPizzaBot;
let recorded: Map<string, Line>;

beforeAll(async () => {
  source = await offlinePizzaRun({ profiles: ['pizza_order.yml', 'shop_questions.yml'] });
  expect(source.cli.code, source.cli.stderr).toBe(0);
  recorded = jsonl(source.output);
  bot = await startPizzaBot({ port: 0, prices: NEW_PRICES });
}, 120_000);
afterAll(async () => {
  await bot?.close();
  if (source) rmSync(source.project, { recursive: true, force: true });
});

const replay = (mode: string, out: string, extra: string[] = []) =>
  runCli(
    [
      'replay',
      source.output,
      '--technology',
      'taskyto',
      '-cp',
      `base_url=${bot.url}`,
      '--mode',
      mode,
      '-o',
      join(source.project, out),
      '--json',
      ...extra,
    ],
    { killAfterMs: 60_000 },
  );

describe('simsim replay against the pizza bot after a price change', () => {
  it('strict: the recorded messages are sent; exactly the replies that quote a pepperoni price change', async () => {
    const result = await replay('strict', 'strict');
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { replay: Record<string, number | string> };
    const replayed = jsonl(join(source.project, 'strict'));
    expect(replayed.size).toBe(recorded.size);
    let changed = 0;
    let same = 0;
    for (const [id, before] of recorded) {
      const after = replayed.get(id);
      expect(after, id).toBeDefined();
      if (!after) continue;
      // The user's side is the recording, message for message.
      expect(after.messages.filter((m) => m.role === 'user')).toEqual(before.messages.filter((m) => m.role === 'user'));
      expect(after.stop_reason).toBe(before.stop_reason);
      const oracle = newReplies(before);
      const old = repliesByPosition(before);
      for (const [k, now] of repliesByPosition(after)) {
        const was = old.get(k)?.text;
        expect(now.detail.replay, `${id} reply ${k}`).toBeDefined();
        expect(now.detail.replay?.recorded).toBe(was);
        expect(now.text).toBe(oracle[k]);
        const differs = was !== oracle[k];
        expect(now.detail.replay?.same, `${id} reply ${k}`).toBe(!differs);
        if (differs) {
          changed++;
          // Only prices moved: the same reply with other dollar amounts, in an order with a pepperoni pizza.
          expect(amounts(now.text)).toBe(amounts(was ?? ''));
          expect(before.messages.some((m) => m.role === 'user' && /pepperoni/i.test(m.content))).toBe(true);
          expect(now.detail.replay?.similarity).toBeGreaterThan(0.9);
          expect(now.detail.replay?.similarity).toBeLessThan(1);
        } else {
          same++;
          expect(now.detail.replay?.similarity).toBe(1);
        }
      }
    }
    expect(changed).toBeGreaterThan(0);
    expect(same).toBeGreaterThan(changed);
    expect(summary.replay).toMatchObject({ mode: 'strict', repliesChanged: changed, repliesCompared: changed + same });
    // An ordinary run: outputs extracted from the new replies, and the link to the source run.
    const manifest = runJson(join(source.project, 'strict'));
    expect(manifest.replay_of).toMatchObject({ dir: source.output, mode: 'strict', conversations: recorded.size });
    for (const c of manifest.conversations) expect(c.replay.source_id).toBe(c.id);
    const pepperoni = [...replayed.values()].find(
      (l) => l.id.startsWith('pizza_order') && l.turn_details.some((d) => d.replay?.same === false),
    );
    expect(pepperoni).toBeDefined();
    const before = pepperoni && recorded.get(pepperoni.id);
    expect(pepperoni?.outputs['price']).not.toEqual(before?.outputs['price']);
  }, 90_000);

  it('fork: the recording is followed up to the first changed reply, then the simulated user goes on', async () => {
    const result = await replay('fork', 'fork', ['--threshold', '0.99']);
    expect(result.code, result.stderr).toBe(0);
    const replayed = jsonl(join(source.project, 'fork'));
    const manifest = runJson(join(source.project, 'fork'));
    let forked = 0;
    for (const [id, before] of recorded) {
      const after = replayed.get(id);
      const record = manifest.conversations.find((c) => c.id === id);
      expect(after && record, id).toBeTruthy();
      if (!after || !record) continue;
      const oracle = newReplies(before);
      const old = repliesByPosition(before);
      const firstChange = [...old].find(([k, r]) => r.text !== oracle[k])?.[0];
      if (firstChange === undefined) {
        // Nothing diverged: the same conversation, ended as the recorded one.
        expect(record.replay.diverged_after).toBeNull();
        expect(after.messages).toEqual(before.messages);
        expect(after.stop_reason).toBe(before.stop_reason);
        continue;
      }
      forked++;
      expect(record.replay.diverged_after, id).toBe(firstChange);
      const users = (l: Line) => l.messages.filter((m) => m.role === 'user').map((m) => m.content);
      // The first `firstChange` user messages are the recorded ones; the rest are the simulated user's.
      expect(users(after).slice(0, firstChange)).toEqual(users(before).slice(0, firstChange));
      expect(users(after).length).toBeGreaterThan(firstChange);
      const replies = repliesByPosition(after);
      expect(replies.get(firstChange)?.detail.replay?.same).toBe(false);
      // Replies to the simulated user's messages have no recorded counterpart to compare with.
      for (const [k, r] of replies) if (k > firstChange) expect(r.detail.replay).toBeUndefined();
      expect(['user_done', 'all_answered', 'steps_reached']).toContain(after.stop_reason);
    }
    expect(forked).toBeGreaterThan(0);
    expect(manifest.replay_of).toMatchObject({ mode: 'fork', threshold: 0.99 });
  }, 90_000);

  it("strict needs no API key for a run played by the profiles' own model", async () => {
    // The same run as if it had been played by each profile's model (gpt-4o-mini): no --model recorded.
    const copy = join(source.project, 'as-llm-run');
    cpSync(source.output, copy, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(copy, 'run.json'), 'utf8')) as { options: Record<string, unknown> };
    delete manifest.options['model'];
    writeFileSync(join(copy, 'run.json'), JSON.stringify(manifest));
    const result = await runCli(
      [
        'replay',
        copy,
        '-t',
        'taskyto',
        '-cp',
        `base_url=${bot.url}`,
        '-o',
        join(source.project, 'llm-strict'),
        '--json',
      ],
      { killAfterMs: 60_000, env: { OPENAI_API_KEY: undefined, ANTHROPIC_API_KEY: undefined } },
    );
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { summary: { costUsd: number }; replay: { conversations: number } };
    expect(summary.replay.conversations).toBe(recorded.size);
    expect(summary.summary.costUsd).toBe(0);
  }, 90_000);

  it('a folder that is not a run is refused with exit 2', async () => {
    const result = await runCli(['replay', join(source.project, 'profiles')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot be replayed: it has no run.json');
  });
});
