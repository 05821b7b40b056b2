import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { startCli } from '../helpers/start-cli.ts';
import { startTaskytoBot, type TaskytoBot } from '../helpers/taskyto-bot.ts';
import { tempProject } from '../helpers/temp-project.ts';
import { taskytoRunArgs } from '../helpers/taskyto-run.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { sizesProfile } from '../helpers/sizes-profile.ts';

const bots: TaskytoBot[] = [];
afterAll(async () => {
  await Promise.all(bots.map((b) => b.close()));
});

/** An offline project of 6 conversations against a chatbot that takes 120 ms per reply. */
async function slowProject(): Promise<{ dir: string; args: string[] }> {
  const bot = await startTaskytoBot((message) => ({ delayMs: 120, text: `Noted: ${message}` }));
  bots.push(bot);
  const profile = sizesProfile({
    testName: 'slow',
    sizes: ['small', 'medium', 'large', 'family', 'tiny', 'huge'],
    steps: 4,
  });
  const dir = tempProject({ 'profiles/slow.yml': stringify(profile) });
  return {
    dir,
    args: taskytoRunArgs(dir, bot.url, '-j', '1', '--seed', '8', '-o', join(dir, 'output')),
  };
}

function conversationFiles(dir: string): string[] {
  const root = join(dir, 'output', 'conversation_outputs', 'slow');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((serial) =>
    readdirSync(join(root, serial))
      .filter((f) => f.endsWith('.yml'))
      .map((f) => join(root, serial, f)),
  );
}

describe('interrupting a run', () => {
  it('Ctrl-C: no new conversations, the running one ends as interrupted, outputs written, exit 130', async () => {
    const { dir, args } = await slowProject();
    const run = startCli(args);
    await waitFor(() => conversationFiles(dir).length >= 2);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    const manifest = JSON.parse(readFileSync(join(dir, 'output', 'run.json'), 'utf8')) as {
      stop_reason?: string;
      stopReason?: string;
      conversations: Array<{ status: string }>;
    };
    expect(manifest.conversations.length).toBeLessThan(6);
    expect(manifest.conversations.filter((c) => c.status === 'completed').length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(manifest)).toContain('interrupted');
    expect(run.output()).toContain('interrupted');
  });

  it('kill -9 loses no finished conversation, and --resume completes the run', async () => {
    const { dir, args } = await slowProject();
    const run = startCli(args);
    await waitFor(() => conversationFiles(dir).length >= 3);
    run.child.kill('SIGKILL');
    expect(await run.exited).toBe(-9);
    const before = conversationFiles(dir);
    for (const file of before) expect(parseAllDocuments(readFileSync(file, 'utf8'))).toHaveLength(3);

    const resumed = startCli([...args.filter((a) => a !== '--seed' && a !== '8'), '--resume', join(dir, 'output')]);
    expect(await resumed.exited, resumed.output()).toBe(0);
    expect(resumed.output()).toMatch(/resuming run .*: [3-6] conversations already finished/);
    const after = conversationFiles(dir);
    expect(after).toHaveLength(6);
    for (const file of before) expect(after).toContain(file);
    const manifest = JSON.parse(readFileSync(join(dir, 'output', 'run.json'), 'utf8')) as {
      conversations: Array<{ index: number; status: string }>;
    };
    expect(manifest.conversations.map((c) => c.index).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(manifest.conversations.every((c) => c.status === 'completed')).toBe(true);
  });

  it('--resume without an earlier run is a usage error', async () => {
    const { dir, args } = await slowProject();
    const run = startCli([...args, '--resume', join(dir, 'nothing-here')]);
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain('there is no run to resume');
  });
});
