import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLERGENS_SENTENCE, OFFERS_SENTENCE } from '../../examples/pizza-bot/rich.mjs';
import { startPizzaBot, type RunningPizzaBot } from '../../examples/pizza-bot/server.mjs';
import { REPO_ROOT, runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

interface Line {
  messages: Array<{ role: string; content: string }>;
  turn_details: Array<{
    parts?: Array<{ kind: string; status: string; text?: string; title?: string; url?: string }>;
    button?: { title: string; payload?: string };
  }>;
}

const profile = (name: string, goals: string[]) => `test_name: ${name}
llm:
  model: gpt-4o-mini
user:
  language: English
  role: you are a customer of a pizza shop
  context:
    - you are allergic to some foods
  goals:
${goals.map((g) => `    - "${g}"`).join('\n')}
    - size:
        function: forward()
        type: string
        data:
          - large
chatbot:
  is_starter: true
  fallback: I'm sorry, I did not understand. Can you say that again?
  output: []
conversation:
  number: 1
  goal_style:
    steps: 6
  interaction_style:
    - single question
`;

let bot: RunningPizzaBot;
let project: string;
beforeAll(async () => {
  bot = await startPizzaBot({ port: 0, rich: true });
  project = tempProject({
    'profiles/documents.yml': profile('documents', [
      'are there any offers today?',
      'which allergens are in the four cheese pizza?',
      'a {{size}} pepperoni pizza',
    ]),
    'profiles/buttons.yml': profile('buttons', ['a pepperoni pizza', 'the {{size}} one']),
    'connectors/pizza-rich.yml': readFileSync(join(REPO_ROOT, 'examples/pizza-bot/rich-connector.yml'), 'utf8'),
  });
});
afterAll(async () => {
  await bot.close();
  rmSync(project, { recursive: true, force: true });
});

async function run(profileFile: string, output: string): Promise<Line> {
  const result = await runCli([
    'run',
    '--project-path',
    project,
    '--user-profile',
    profileFile,
    '--connector',
    join(project, 'connectors/pizza-rich.yml'),
    '--connector-parameters',
    `base_url=${bot.url}`,
    '--model',
    'offline',
    '--seed',
    '3',
    '--output',
    join(project, output),
  ]);
  expect(result.code, result.stderr + result.stdout).toBe(0);
  return JSON.parse(
    readFileSync(join(project, output, 'conversations.jsonl'), 'utf8')
      .trim()
      .split('\n')[0] ?? '{}',
  ) as Line;
}

describe('the pizza bot with rich replies, played offline', () => {
  it('the user opens the offers page and the PDF menu, and reacts to what they say', async () => {
    const line = await run('profiles/documents.yml', 'out-documents');
    const turns = line.messages;
    const pageAt = line.turn_details.findIndex((t) => t.parts?.some((p) => p.kind === 'link' && p.status === 'seen'));
    const pdfAt = line.turn_details.findIndex((t) => t.parts?.some((p) => p.kind === 'pdf' && p.status === 'seen'));
    expect(pageAt).toBeGreaterThan(0);
    expect(pdfAt).toBeGreaterThan(0);
    // The transcript shows what the user saw beside the reply...
    expect(turns[pageAt]?.content).toMatch(
      /\[link: Today's offers - Simsim Pizza \(http:\/\/127\.0\.0\.1:\d+\/offers\): Every large pizza/,
    );
    expect(turns[pdfAt]?.content).toMatch(/\[pdf: menu\.pdf, 1 of 1 page read: Simsim Pizza menu/);
    expect(turns[pdfAt]?.content).toContain(
      '[image: pizza.png, image/png, 160 bytes, alt text "A margherita pizza seen from above"]',
    );
    // ...and the user's next message answers to the page's and the PDF's text.
    expect(turns[pageAt + 1]?.role).toBe('user');
    expect(turns[pageAt + 1]?.content).toContain("Today's offers");
    expect(turns[pageAt + 1]?.content).toContain(OFFERS_SENTENCE);
    expect(turns[pdfAt + 1]?.content).toContain(ALLERGENS_SENTENCE);

    const out = join(project, 'out-documents');
    const folder = join(out, 'conversation_outputs', 'documents');
    const yaml = readFileSync(
      join(
        folder,
        readdirSync(folder)[0] ?? '',
        readdirSync(join(folder, readdirSync(folder)[0] ?? '')).find((f) => f.endsWith('.yml')) ?? '',
      ),
      'utf8',
    );
    // The Sensei file keeps the chatbot's text only.
    expect(yaml).toContain('Our offers of the day are on our website.');
    expect(yaml).not.toContain('[link:');
    const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as {
      conversations: Array<{ parts?: Array<{ kind: string; status: string }> }>;
    };
    expect(manifest.conversations[0]?.parts?.map((p) => p.kind)).toEqual(
      expect.arrayContaining(['link', 'pdf', 'image']),
    );
    // What was read is cached in the project by content.
    expect(existsSync(join(project, '.simsim', 'cache', 'media'))).toBe(true);
  });

  it('the user presses the size button that matches its goal, and its payload reaches the chatbot', async () => {
    const line = await run('profiles/buttons.yml', 'out-buttons');
    const pressedAt = line.turn_details.findIndex((t) => t.button !== undefined);
    expect(pressedAt).toBeGreaterThan(0);
    expect(line.turn_details[pressedAt]?.button).toEqual({ title: 'Large', payload: 'size:large' });
    expect(line.messages[pressedAt]?.content).toBe('Large');
    expect(line.turn_details[pressedAt - 1]?.parts?.filter((p) => p.kind === 'button').map((p) => p.title)).toEqual([
      'Small',
      'Medium',
      'Large',
    ]);
    // Sensei's rules read buttons in the reply text.
    expect(line.messages[pressedAt - 1]?.content).toContain('AVAILABLE BUTTONS:\n- BUTTON TEXT: Small LINK: <empty>');
    expect(line.messages[pressedAt + 1]?.content).toContain('large pepperoni pizza');
  });
});
