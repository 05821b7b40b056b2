import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { DRINKS, PIZZAS, SIZES } from '../../examples/pizza-bot/bot.mjs';
import { copyDemoCheckout } from '../helpers/demo-checkout.mjs';
import { REPO_ROOT, runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-project.ts';

const GOAL_REASONS = ['steps_reached', 'all_answered', 'answered_limit', 'user_done'];

/** The demo command of package.json, minus the build step that `npm test` has already done. */
function demoArgs(): string[] {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const script = pkg.scripts['demo'] ?? '';
  expect(script.startsWith('npm run build && node bin/simsim.js ')).toBe(true);
  return script.replace('npm run build && node bin/simsim.js ', '').split(' ');
}

/** A clean copy of what a checkout has (no output/, no caches), so runs do not share state. */
function checkout(): string {
  const dir = tempDir('simsim-demo-');
  copyDemoCheckout(dir);
  return dir;
}

interface JsonlLine {
  id: string;
  messages: unknown[];
}

describe('the README demo (offline user, bundled pizza bot, no key, no network)', () => {
  it('runs every example profile to a goal-style ending with correct outputs, and repeats exactly', async () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('npm install && npm run demo');
    const dir = checkout();
    const env = { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '' };
    const first = await runCli(demoArgs(), { cwd: dir, env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('0 failed');

    const manifest = JSON.parse(readFileSync(join(dir, 'output', 'run.json'), 'utf8')) as {
      conversations: Array<{ id: string; stop_reason: string; error_codes: number[] }>;
    };
    expect(manifest.conversations.length).toBeGreaterThanOrEqual(20);
    for (const c of manifest.conversations) {
      expect(GOAL_REASONS, c.id).toContain(c.stop_reason);
      expect(c.error_codes, c.id).toEqual([]);
    }

    const pizzaDir = join(dir, 'output', 'conversation_outputs', 'pizza_order');
    const serial = readdirSync(pizzaDir)[0] ?? '';
    const files = readdirSync(join(pizzaDir, serial)).filter((f) => f.endsWith('.yml'));
    expect(files).toHaveLength(9);
    for (const file of files) {
      const [meta] = parseAllDocuments(readFileSync(join(pizzaDir, serial, file), 'utf8')).map(
        (d) => d.toJS() as Record<string, unknown>,
      );
      const picked = Object.assign({}, ...(meta?.['ask_about'] as unknown[]).filter((a) => typeof a === 'object')) as {
        size: keyof typeof SIZES;
        pizza: keyof typeof PIZZAS;
        cans: number;
        drink: keyof typeof DRINKS;
      };
      const outputs = Object.assign({}, ...(meta?.['data_output'] as object[])) as {
        price: { value: number; currency: string };
        order_id: string;
      };
      const menu = (table: Record<string, number>, key: string) => table[key] ?? Number.NaN;
      expect(outputs.price.value, file).toBe(
        menu(PIZZAS, picked.pizza) + menu(SIZES, picked.size) + menu(DRINKS, picked.drink) * picked.cans,
      );
      expect(outputs.order_id, file).toMatch(/^ORD-\d{4}$/);
    }
    expect(readdirSync(join(dir, 'output', 'reports', '__stats_reports__'))).toHaveLength(1);
    expect(readFileSync(join(dir, 'output', 'junit.xml'), 'utf8')).toMatch(/<testsuites[^>]* tests="\d+" failures="0"/);

    const transcripts = () =>
      readFileSync(join(dir, 'output', 'conversations.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as JsonlLine)
        .map((line) => [line.id, JSON.stringify(line.messages)]);
    const once = transcripts();
    const second = await runCli(demoArgs(), { cwd: dir, env });
    expect(second.code).toBe(0);
    expect(transcripts()).toEqual(once);
  });
});
