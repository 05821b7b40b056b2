import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConnector } from '../../src/connector/create-connector.ts';
import { normalizeConnector } from '../../src/connector/normalize.ts';
import { chatbotServer, closeAll } from '../helpers/chatbot-server.ts';
import { REPO_ROOT } from '../helpers/run-cli.ts';

afterEach(closeAll);

/** The templates a connector can use, as the README's table names them. */
const DOCUMENTED = [
  '{{user_message}}',
  '{user_msg}',
  '{{conversation_id}}',
  '{{turn}}',
  '{{history}}',
  '{{env.NAME}}',
  '{{name}}',
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the connector templates are documented as they work', () => {
  it('the README has a table of every template, and the connector schema lists them', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const section = /### Connector templates\n([\s\S]*?)\n### /.exec(readme)?.[1] ?? '';
    const rows = [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(rows).toEqual(DOCUMENTED);
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'connector.schema.json'), 'utf8')) as {
      description: string;
    };
    for (const name of DOCUMENTED) expect(schema.description).toContain(name);
    expect(schema.description).toContain('a UUID simsim makes for each conversation');
  });

  it('every template has the documented value; without a start request the id is a fresh UUID', async () => {
    const bot = await chatbotServer(() => ({ json: { reply: 'ok' } }));
    const written = {
      parameters: { shop: { default: 'north' } },
      base_url: bot.url,
      headers: { 'x-key': '{{env.SHOP_KEY}}' },
      send_message: {
        path: '/chat/{{conversation_id}}',
        payload_template: {
          text: '{{user_message}}',
          legacy: '{user_msg}',
          turn: '{{turn}}',
          history: '{{history}}',
          shop: '{{shop}}',
        },
      },
      response_path: 'reply',
    };
    const { spec } = normalizeConnector(written, 'test.yml', {}, 'test', {});
    const connector = createConnector(spec, { env: { SHOP_KEY: 'key-123456789' } });
    const first = await connector.open();
    await first.send('hi there');
    await first.send('two');
    const second = await connector.open();
    await second.send('again');

    const [one, two, three] = bot.requests;
    const id = one?.url.replace('/chat/', '') ?? '';
    expect(id).toMatch(UUID);
    expect(two?.url).toBe(`/chat/${id}`);
    expect(three?.url.replace('/chat/', '')).toMatch(UUID);
    expect(three?.url).not.toBe(one?.url);
    expect(one?.headers['x-key']).toBe('key-123456789');
    expect(one?.json).toEqual({
      text: 'hi there',
      legacy: 'hi there',
      turn: 1,
      history: [{ role: 'user', content: 'hi there' }],
      shop: 'north',
    });
    expect(two?.json).toMatchObject({
      text: 'two',
      turn: 2,
      history: [
        { role: 'user', content: 'hi there' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: 'two' },
      ],
    });
  });

  it('with a start request: the id comes from its response; in start itself the message is empty and turn is 0', async () => {
    const bot = await chatbotServer((req) =>
      req.url === '/new' ? { json: { id: 'conv-42' } } : { json: { reply: 'ok' } },
    );
    const written = {
      base_url: bot.url,
      start: {
        path: '/new',
        payload_template: { text: '{{user_message}}', turn: '{{turn}}', id: '{{conversation_id}}' },
        conversation_id_path: 'id',
      },
      send_message: {
        path: '/chat',
        payload_template: { id: '{{conversation_id}}', text: '{{user_message}}', turn: '{{turn}}' },
      },
      response_path: 'reply',
    };
    const { spec } = normalizeConnector(written, 'test.yml', {}, 'test', {});
    const session = await createConnector(spec, { env: {} }).open();
    await session.send('hello');
    expect(bot.requests.map((r) => r.json)).toEqual([
      { text: '', turn: 0, id: '' },
      { id: 'conv-42', text: 'hello', turn: 1 },
    ]);
  });

  it('the connector that init writes uses one placeholder style', () => {
    const text = readFileSync(join(REPO_ROOT, 'templates', 'init', 'connectors', 'example-chatbot.yml'), 'utf8');
    expect(text).toContain('"{{user_message}}"');
    expect(text).toContain('"{{conversation_id}}"');
    expect(text).not.toContain('{user_msg}');
  });
});
