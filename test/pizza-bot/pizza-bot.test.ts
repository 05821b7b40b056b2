import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FALLBACK, GREETING, newSession, reply } from '../../examples/pizza-bot/bot.mjs';
import { startPizzaBot, type RunningPizzaBot } from '../../examples/pizza-bot/server.mjs';
import { loadConnector } from '../../src/connector/index.ts';
import type { ChatbotConnector, ChatSession, Reply } from '../../src/connector/types.ts';

let bot: RunningPizzaBot;
let connector: ChatbotConnector;

beforeAll(async () => {
  bot = await startPizzaBot({ port: 0 });
  ({ connector } = await loadConnector({ technology: 'taskyto', parameters: { base_url: bot.url }, baseDir: '.' }));
});
afterAll(() => bot.close());

const text = (r: Reply | undefined) => (r?.ok ? r.text : `ERROR ${JSON.stringify(r)}`);

async function talk(session: ChatSession, ...messages: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const message of messages) out.push(text(await session.send(message)));
  return out;
}

describe('the bundled pizza bot over HTTP', () => {
  it('greets, takes a predefined pizza with drinks, and gives price, order id and delivery time', async () => {
    const session = await connector.open();
    expect(text(await session.start())).toBe(GREETING);
    const replies = await talk(
      session,
      'Hi, I want to order a pizza',
      'a large pepperoni please',
      'two cans of cola',
      'yes',
      'how long will it take?',
      'what is my order number?',
    );
    expect(replies[0]).toContain('Which pizza would you like?');
    expect(replies[1]).toBe(
      'Great, a large pepperoni pizza. Would you like something to drink? We have cola, lemonade, water, sprite and beer.',
    );
    expect(replies[2]).toBe(
      'Your order: a large pepperoni pizza ($14.50) and 2 cans of cola. The total is $18.50. Shall I place the order?',
    );
    expect(replies[3]).toMatch(
      /^Your order is placed! Your order id is ORD-\d{4}\. The total is \$18\.50, to pay on delivery\. It will arrive in about 30 minutes\.$/,
    );
    expect(replies[4]).toMatch(/^Your order ORD-\d{4} will arrive in about 30 minutes\.$/);
    expect(replies[5]).toBe(`Your order id is ${/ORD-\d{4}/.exec(replies[3] ?? '')?.[0]}.`);
  });

  it('takes a custom pizza with toppings, answers hours and prices, and falls back on nonsense', async () => {
    const session = await connector.open();
    const replies = await talk(
      session,
      'blorp',
      'when are you open?',
      'I want a small custom pizza with mushrooms, ham and olives',
      'how much is it?',
      'no drinks, thanks',
      'yes',
    );
    expect(replies[0]).toBe(FALLBACK);
    expect(replies[1]).toBe('We are open every day from 1pm to 11:30pm.');
    expect(replies[2]).toContain('Great, a small custom pizza with mushrooms, ham and olives.');
    expect(replies[3]).toContain('costs $10.00');
    expect(replies[4]).toBe(
      'Your order: a small custom pizza with mushrooms, ham and olives ($10.00). The total is $10.00. Shall I place the order?',
    );
    expect(replies[5]).toContain('Your order id is ORD-');
  });

  it('keeps one session per conversation, and lets the user change their mind', async () => {
    const a = await connector.open();
    const b = await connector.open();
    await talk(a, 'a medium margherita', 'water');
    expect(await talk(b, 'a small vegetarian pizza')).toEqual([
      'Great, a small vegetarian pizza. Would you like something to drink? We have cola, lemonade, water, sprite and beer.',
    ]);
    expect(await talk(a, 'no, make it large')).toEqual([
      'Your order: a large margherita pizza ($13.00) and 1 bottle of water. The total is $14.50. Shall I place the order?',
    ]);
    expect(a.conversationId).not.toBe(b.conversationId);
  });

  it('gives the same order id for the same dialogue (deterministic)', () => {
    const ids = [newSession(), newSession()].map((s) => {
      for (const m of ['a large hawaiian', 'a beer', 'yes']) reply(s, m);
      return s.orderId;
    });
    expect(ids[0]).toMatch(/^ORD-\d{4}$/);
    expect(ids[0]).toBe(ids[1]);
  });

  it('answers bad requests like Taskyto does', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${bot.url}${path}`, { method: 'POST', body: JSON.stringify(body) }).then(
        async (r) => [r.status, await r.json()] as const,
      );
    expect(await post('/conversation/user_message', { message: 'hi' })).toEqual([
      400,
      { error: "Missing 'id' or 'message' in request" },
    ]);
    expect((await post('/conversation/user_message', { id: 'nope', message: 'hi' }))[0]).toBe(404);
    expect((await fetch(bot.url)).status).toBe(200);
  });
});
