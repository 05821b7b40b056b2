import { describe, expect, it } from 'vitest';
import { captureCli } from '../../test/helpers/capture-cli.ts';

const COMMAND_NAMES = [
  'init',
  'validate',
  'plan',
  'run',
  'check',
  'report',
  'chat',
  'connectors',
  'example-bot',
  'replay',
  'diff',
  'merge',
  'calibrate',
  'migrate',
];

// `simsim <command> ...` sets up that command alone; `simsim help <command>` sets up all of them.
describe('a command set up alone', () => {
  it('is every command --help lists, in its order', async () => {
    const { stdout } = await captureCli(['--help'], process.cwd());
    const commands = stdout.slice(stdout.indexOf('Commands:'), stdout.indexOf('Exit codes:'));
    const listed = [...commands.matchAll(/^ {2}([a-z-]+)\b/gm)].map((m) => m[1]).filter((name) => name !== 'help');
    expect(listed).toEqual(COMMAND_NAMES);
  });

  it('has the help it has among all the others', async () => {
    for (const name of COMMAND_NAMES) {
      const alone = await captureCli([name, '--help'], process.cwd());
      const amongAll = await captureCli(['help', name], process.cwd());
      expect(alone.stdout, name).toBe(amongAll.stdout);
      expect(alone.stdout, name).toContain(`Usage: simsim ${name}`);
    }
  });

  it('refuses an unknown option as it did', async () => {
    const result = await captureCli(['run', '--no-such-option'], process.cwd());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--no-such-option'");
  });
});
