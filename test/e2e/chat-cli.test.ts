import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPizzaBot, type RunningPizzaBot } from '../../examples/pizza-bot/server.mjs';
import { answers } from '../../src/server/start-server.ts';
import { chatbotServer, closeAll, refusedUrl } from '../helpers/chatbot-server.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

let bot: RunningPizzaBot;
beforeAll(async () => {
  bot = await startPizzaBot({ port: 0 });
});
afterAll(() => bot.close());
afterEach(closeAll);

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) =>
    statSync(join(dir, name)).isDirectory() ? allFiles(join(dir, name)) : [join(dir, name)],
  );
}

describe('simsim chat', () => {
  it('sends --message through a technology and prints the replies and timings', async () => {
    const run = await runCli([
      'chat',
      '-t',
      'taskyto',
      '-cp',
      `base_url=${bot.url}`,
      '--message',
      'a medium margherita please',
      'no thanks',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      'Welcome to Simsim Pizza! I can take your order for pizzas and drinks, and tell you our opening hours. What can I do for you?',
      'Great, a medium margherita pizza. Would you like something to drink? We have cola, lemonade, water, sprite and beer.',
      'Your order: a medium margherita pizza ($10.00). The total is $10.00. Shall I place the order?',
      '',
    ]);
    expect(run.stderr).toMatch(/^\(greeting in \d+ ms\)\n\(reply in \d+ ms\)\n\(reply in \d+ ms\)\n$/);
  });

  it("starts run.yml's server for a freshly initialised project, chats, and stops it", async () => {
    const parent = tempProject({});
    expect((await runCli(['init', '--path', parent, '--name', 'shop'])).code).toBe(0);
    const project = join(parent, 'shop');
    const run = await runCli(['chat', '--project', project, '--message', 'when are you open?', '--raw']);
    expect(run.stderr).toContain('starting the chatbot server: simsim example-bot --port ');
    const port = /example-bot --port (\d+)/.exec(run.stderr)?.[1];
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'We are open every day from 1pm to 11:30pm.\n--- raw response ---\n{"id":"1","type":"chatbot_response","message":"We are open every day from 1pm to 11:30pm."}\n--- end ---\n',
    );
    expect(await answers(`http://127.0.0.1:${port}/`)).toBe(false);
  });

  it('keeps the token out of everything it prints, and exits 1 on a chatbot error', async () => {
    const token = 'tok-VERY-secret-987';
    const server = await chatbotServer((req) => ({
      status: 403,
      json: { error: `upstream rejected ${String(req.headers.authorization)}` },
    }));
    const dir = tempProject({});
    const run = await runCli(
      [
        'chat',
        '--technology',
        'dialogflow',
        '--connector-parameters',
        JSON.stringify({ project_id: 'p', base_url: server.url }),
        '--message',
        'hi',
        '--raw',
        '--project',
        dir,
      ],
      { env: { DIALOGFLOW_ACCESS_TOKEN: token } },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error 500 (HTTP 403):');
    expect(run.stderr).toContain('upstream rejected [REDACTED]');
    expect(`${run.stdout}${run.stderr}`).not.toContain(token);
    for (const file of allFiles(dir)) expect(readFileSync(file, 'utf8')).not.toContain(token);
  }, 20_000);

  it('explains a refused connection and a connector that cannot be built', async () => {
    const refused = await runCli(['chat', '-t', 'rasa', '-cp', `base_url=${await refusedUrl()}`, '-m', 'hi']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('(connection refused). Is the chatbot running?');
    const unknown = await runCli(['chat', '-t', 'nope', '-m', 'hi']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown technology `nope`');
    expect(unknown.stderr).toContain('hint: Known: ');
  }, 20_000);
});

describe('simsim connectors', () => {
  it('both commands are listed in --help', async () => {
    const help = await runCli(['--help']);
    expect(help.stdout).toMatch(/^\s+chat \[options\]/m);
    expect(help.stdout).toMatch(/^\s+connectors \[options\]/m);
    expect((await runCli(['chat', '--help'])).stdout).toContain('--connector-parameters <params>');
  });

  it('lists the technologies with their parameters', async () => {
    const run = await runCli(['connectors']);
    expect(run.code).toBe(0);
    for (const name of [
      'taskyto (default)',
      'rasa',
      'openai-chat',
      'dialogflow',
      'langgraph',
      'millionbot',
      'kuki',
      'custom',
      'generic',
    ]) {
      expect(run.stdout).toMatch(new RegExp(`^${name.replace(/[()]/g, '\\$&')}$`, 'm'));
    }
    expect(run.stdout).toContain('    base_url (default "http://localhost:5000"): where the Taskyto server listens');
    const json = JSON.parse((await runCli(['connectors', '--json'])).stdout) as Array<{ name: string }>;
    expect(json.map((t) => t.name)).toContain('openai-chat');
  });
});
