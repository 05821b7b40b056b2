import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { BIN, runCli } from '../helpers/run-cli.ts';
import { startTaskytoBot, type BotAnswer, type TaskytoBot } from '../helpers/taskyto-bot.ts';
import { tempProject } from '../helpers/temp-project.ts';
import { startInTerminal } from '../helpers/terminal.ts';
import { taskytoRunArgs } from '../helpers/taskyto-run.ts';
import { sizesProfile } from '../helpers/sizes-profile.ts';

const folders: string[] = [];
const bots: TaskytoBot[] = [];
afterAll(async () => {
  await Promise.all(bots.map((b) => b.close()));
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

const profile = (sizes: string[]) => sizesProfile({ testName: 'shop', sizes, steps: 2 });

async function setup(
  answer: (message: string) => BotAnswer,
  sizes = ['small', 'large'],
): Promise<{ dir: string; output: string; args: string[] }> {
  const bot = await startTaskytoBot(answer);
  bots.push(bot);
  const dir = tempProject({ 'profiles/shop.yml': stringify(profile(sizes)) });
  folders.push(dir);
  const output = join(dir, 'output');
  return {
    dir,
    output,
    args: taskytoRunArgs(dir, bot.url, '-j', '2', '-o', output),
  };
}

function manifest(output: string): Record<string, unknown> & { conversations: Array<{ status: string }> } {
  return JSON.parse(readFileSync(join(output, 'run.json'), 'utf8')) as Record<string, unknown> & {
    conversations: Array<{ status: string }>;
  };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The pid of a process that has exited: a temporary file naming it belongs to nobody. */
function deadPid(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', '']);
    child.on('close', () => resolve(child.pid ?? 999_999));
  });
}

describe('simsim run --resume', () => {
  it('exits with the verdict of every conversation of the run, those finished by earlier attempts too', async () => {
    const { output, args } = await setup(() => ({ status: 503, body: 'down' }));
    const first = await runCli([...args, '--seed', '2']);
    expect(first.code, first.stderr).toBe(1);
    const again = await runCli([...args, '--resume', output]);
    expect(again.stderr).toContain('2 conversations already finished, 0 to go');
    expect(again.stdout).toContain('2 failed');
    expect(again.code).toBe(1);
    expect((await runCli([...args, '--resume', output, '--fail-on', 'none'])).code).toBe(0);
  });

  it('refuses a profile edited since the run started, and --force accepts it and records it in run.json', async () => {
    const { dir, output, args } = await setup((m) => `Noted: ${m}`);
    expect((await runCli([...args, '--seed', '2'])).code).toBe(0);
    const file = join(dir, 'profiles', 'shop.yml');
    writeFileSync(file, stringify(profile(['small', 'large', 'medium'])));

    const refused = await runCli([...args, '--resume', output]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('profiles/shop.yml was edited');
    expect(refused.stderr).toContain('--force');
    expect(manifest(output)['forced_resume']).toBeNull();

    const forced = await runCli([...args, '--resume', output, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toContain('--force');
    const recorded = manifest(output);
    expect(recorded['forced_resume']).toMatchObject({
      profiles: [
        { file: 'profiles/shop.yml', started_with: expect.any(String) as unknown, now: expect.any(String) as unknown },
      ],
    });
    expect(recorded.conversations).toHaveLength(3);

    const alone = await runCli([...args, '--force']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--force works only with --resume');
  });

  it("removes the hidden temporary files that killed processes left behind, and keeps a live process's", async () => {
    const { output, args } = await setup((m) => `Noted: ${m}`);
    expect((await runCli([...args, '--seed', '2'])).code).toBe(0);
    const dead = await deadPid();
    const serial = String(manifest(output)['serial']);
    const conversationDir = join(output, 'conversation_outputs', 'shop', serial);
    const left = [
      join(conversationDir, `.0_shop_${serial}.yml.${dead}.1.tmp`),
      join(output, '.simsim', 'results', serial, 'shop', `.0.json.${dead}.2.tmp`),
      join(output, `.run.json.${dead}.3.tmp`),
    ];
    const live = join(conversationDir, `.1_shop_${serial}.yml.${process.pid}.4.tmp`);
    for (const path of [...left, live]) {
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, 'half a fil');
    }
    const resumed = await runCli([...args, '--resume', output]);
    expect(resumed.code, resumed.stderr).toBe(0);
    for (const path of left) expect(existsSync(path), path).toBe(false);
    expect(existsSync(live)).toBe(true);
  });

  it('Ctrl-C twice in a terminal: exit 130 with no temporary file left, and resume finishes the run', async () => {
    let messages = 0;
    const { output, args } = await setup(
      (m) => {
        messages++;
        if (messages === 12) {
          terminal.ctrlC();
          setTimeout(() => terminal.ctrlC(), 100);
        }
        return messages >= 12 ? { delayMs: 3000, text: `Noted: ${m}` } : `Noted: ${m}`;
      },
      ['tiny', 'small', 'medium', 'large', 'family', 'party', 'huge', 'giant'],
    );
    const terminal = startInTerminal([BIN, ...args, '--seed', '2'], { ...process.env, NO_COLOR: '1', CI: 'true' });
    expect(await terminal.exited, terminal.output()).toBe(130);
    expect(terminal.output()).toContain('Ctrl-C again to quit at once');
    expect(filesUnder(output).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    messages = -1_000;
    const resumed = await runCli([...args, '--resume', output]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(manifest(output).conversations.filter((c) => c.status === 'completed')).toHaveLength(8);
    expect(filesUnder(output).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
