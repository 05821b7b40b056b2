import { afterEach, describe, expect, it } from 'vitest';
import { loadConnector } from '../../src/connector/index.ts';
import { ConnectorConfigError } from '../../src/connector/errors.ts';
import { chatbotServer, closeAll } from '../helpers/chatbot-server.ts';

afterEach(closeAll);

const TOKEN = 'ya29.SECRET-token_value-42';
const env = { DIALOGFLOW_ACCESS_TOKEN: TOKEN };

/** A Dialogflow-like server: nested payload, session in the URL, and careless echoes of the token. */
async function dialogflowLike() {
  return chatbotServer((req) => {
    const auth = String(req.headers.authorization);
    if (auth !== `Bearer ${TOKEN}`) return { status: 401, json: { error: 'bad token' } };
    const body = req.json as { queryInput: { text: { text: string; languageCode: string } } };
    const text = body.queryInput.text.text;
    if (text === 'break') return { status: 400, json: { error: `internal error while handling ${auth}` } };
    const session = /\/sessions\/([^:]+):detectIntent$/.exec(req.url)?.[1];
    return {
      json: {
        responseId: 'r1',
        queryResult: {
          queryText: text,
          fulfillmentText: `(${session}, ${body.queryInput.text.languageCode}) echo: ${text} [debug: ${auth}]`,
        },
      },
    };
  });
}

describe('a Dialogflow-like chatbot with a bearer token from the environment', () => {
  it('puts the session id in the URL, builds the nested payload, and redacts the token everywhere', async () => {
    const bot = await dialogflowLike();
    let n = 0;
    const { connector } = await loadConnector(
      {
        technology: 'dialogflow',
        parameters: { project_id: 'pizza-agent', base_url: bot.url, language: 'es' },
        baseDir: '.',
      },
      { env, newId: () => `session-${++n}` },
    );
    const session = await connector.open();
    const reply = await session.send('hola "amigo"');
    expect(reply).toMatchObject({ ok: true, text: '(session-1, es) echo: hola "amigo" [debug: [REDACTED]]' });
    expect(bot.requests[0]?.url).toBe('/projects/pizza-agent/agent/sessions/session-1:detectIntent');
    expect(bot.requests[0]?.json).toEqual({ queryInput: { text: { text: 'hola "amigo"', languageCode: 'es' } } });
    expect(reply.raw).not.toContain(TOKEN);
    const failed = await session.send('break');
    expect(failed.ok).toBe(false);
    expect(JSON.stringify(failed)).not.toContain(TOKEN);
    expect(JSON.stringify(failed)).toContain('[REDACTED]');
    await (await connector.open()).send('again');
    expect(bot.requests.at(-1)?.url).toContain('/sessions/session-2:');
    expect(connector.redact(`token ${TOKEN}`)).toBe('token [REDACTED]');
  });

  it('refuses to start without the environment variable, naming it', async () => {
    const error = await loadConnector(
      { technology: 'dialogflow', parameters: { project_id: 'p' }, baseDir: '.' },
      { env: {} },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorConfigError);
    expect((error as Error).message).toBe(
      'connector Dialogflow ES needs the environment variable DIALOGFLOW_ACCESS_TOKEN (used in send_message.headers.Authorization), which is not set',
    );
  });

  it('names the missing parameter and the unknown ones', async () => {
    await expect(loadConnector({ technology: 'dialogflow', baseDir: '.' }, { env })).rejects.toThrow(
      'connector Dialogflow ES needs the parameter `project_id` (the Google Cloud project of the agent)',
    );
    await expect(
      loadConnector({ technology: 'dialogflow', parameters: 'project_id=p,projct=x', baseDir: '.' }, { env }),
    ).rejects.toThrow('connector Dialogflow ES has no parameter `projct`');
    await expect(loadConnector({ technology: 'nope', baseDir: '.' })).rejects.toThrow('unknown technology `nope`');
  });
});
