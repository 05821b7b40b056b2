import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { BIN } from '../helpers/run-cli.ts';
import { startTaskytoBot } from '../helpers/taskyto-bot.ts';
import { tempProject } from '../helpers/temp-project.ts';
import { sizesProfile } from '../helpers/sizes-profile.ts';

/** Runs the CLI in a pseudo-terminal (util-linux `script`) and returns what the terminal showed. */
async function inTerminal(command: string, columns: number): Promise<string> {
  const log = join(tempProject({}), 'tty.log');
  const env = { ...process.env, CI: '', NO_COLOR: '1' };
  delete (env as Record<string, string | undefined>)['CI'];
  await promisify(execFile)('script', ['-qec', `stty cols ${columns} rows 30; ${command}`, log], {
    env,
    timeout: 30_000,
  });
  return readFileSync(log, 'utf8').replace(/\r/g, '\n');
}

describe('simsim run on a terminal', () => {
  const profile = sizesProfile({ testName: 'tty', sizes: ['small', 'large'], steps: 2 });

  it('shows a live progress line, and plain lines on a terminal without a width', async () => {
    const bot = await startTaskytoBot((message) => `Noted: ${message}`);
    try {
      const dir = tempProject({ 'profiles/tty.yml': stringify(profile) });
      const command = `${process.execPath} ${BIN} run --project-path ${dir} -t taskyto -cp base_url=${bot.url} --seed 1 -o ${join(dir, 'out')}`;
      const wide = await inTerminal(command, 100);
      expect(wide).toMatch(/2\/2 done · 0 running · 0 failed/);
      expect(wide).toContain('tty: 2 conversations, 0 failed');
      const narrow = await inTerminal(command, 0);
      expect(narrow).toContain('[2/2] ok tty/');
    } finally {
      await bot.close();
    }
  });
});
