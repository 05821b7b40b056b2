import { afterEach, describe, expect, it } from 'vitest';
import { chatbotServer, closeAll } from '../helpers/chatbot-server.ts';
import { connectorFor } from '../helpers/connector.ts';

afterEach(closeAll);

// A test case's `context` travels with each of its conversation's messages: an HTTP connector
// takes the values of the parameters it declares, over the run's, and no others.
describe('conversation parameters on an HTTP connector', () => {
  it("fill the declared parameters for that conversation only, over the run's values", async () => {
    const bot = await chatbotServer(() => ({ json: { reply: 'ok' } }));
    const connector = connectorFor(
      {
        parameters: { user_id: { default: 'anonymous' }, shop: { default: 'north' } },
        base_url: bot.url,
        send_message: {
          path: '/chat',
          payload_template: { text: '{{user_message}}', user: '{{user_id}}', shop: '{{shop}}' },
        },
        response_path: 'reply',
      },
      { shop: 'south' },
    );
    const withCase = await connector.open({ parameters: { user_id: 'u-42', colour: 'red' } });
    await withCase.send('one');
    const plain = await connector.open();
    await plain.send('two');
    const other = await connector.open({ parameters: { shop: 'east' } });
    await other.send('three');
    expect(bot.requests.map((r) => r.json)).toEqual([
      { text: 'one', user: 'u-42', shop: 'south' },
      { text: 'two', user: 'anonymous', shop: 'south' },
      { text: 'three', user: 'anonymous', shop: 'east' },
    ]);
  });

  it("leave the template's own names (message, turn, history) to simsim, whatever a parameter is called", async () => {
    const bot = await chatbotServer(() => ({ json: { reply: 'ok' } }));
    const connector = connectorFor(
      {
        parameters: { turn: { default: 'from the parameter' }, shop: { default: 'north' } },
        base_url: bot.url,
        send_message: {
          path: '/chat',
          payload_template: { text: '{{user_message}}', turn: '{{turn}}', shop: '{{shop}}', history: '{{history}}' },
        },
        response_path: 'reply',
      },
      {},
    );
    const session = await connector.open();
    await session.send('one');
    await session.send('two');
    expect(bot.requests.map((r) => r.json)).toEqual([
      { text: 'one', turn: 1, shop: 'north', history: [{ role: 'user', content: 'one' }] },
      {
        text: 'two',
        turn: 2,
        shop: 'north',
        history: [
          { role: 'user', content: 'one' },
          { role: 'assistant', content: 'ok' },
          { role: 'user', content: 'two' },
        ],
      },
    ]);
  });
});
