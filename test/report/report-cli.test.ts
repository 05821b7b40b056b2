import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';
import { embeddedPayload } from './embedded-payload.ts';
import { richRun, writeRunFolder } from './run-folder-fixture.ts';
import { waitFor } from '../helpers/wait-for.ts';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = tempProject({});
  temps.push(dir);
  return dir;
}

describe('simsim report <run-dir>', () => {
  it('rebuilds report.html from a run folder, or writes it where -o says', async () => {
    const dir = folder();
    writeRunFolder(dir, richRun());
    const first = await runCli(['report', dir]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('report.html');
    const payload = embeddedPayload(readFileSync(join(dir, 'report.html'), 'utf8'));
    expect(payload.kind === 'run' && payload.run.conversations.map((c) => c.id)).toEqual([
      'shop/0',
      'shop/1',
      'shop/2',
      'support/0',
      'support/1',
    ]);

    const other = join(folder(), 'nested', 'out.html');
    const second = await runCli(['report', dir, '-o', other]);
    expect(second.code, second.stderr).toBe(0);
    expect(statSync(other).size).toBeGreaterThan(10_000);
  });

  it('--open starts $BROWSER on the file', async () => {
    const dir = folder();
    writeRunFolder(dir, richRun());
    const seen = join(dir, 'opened.txt');
    const browser = join(dir, 'fake-browser.sh');
    writeFileSync(browser, `#!/bin/sh\nprintf '%s' "$1" > '${seen}'\n`);
    chmodSync(browser, 0o755);
    const result = await runCli(['report', dir, '--open'], { env: { BROWSER: browser } });
    expect(result.code, result.stderr).toBe(0);
    await waitFor(() => existsSync(seen), 10_000);
    expect(readFileSync(seen, 'utf8')).toBe(join(dir, 'report.html'));
  });

  it('a folder that is not a run, or a damaged run.json, is a usage error with what to do', async () => {
    const empty = folder();
    const none = await runCli(['report', empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('has no run.json');
    expect(none.stderr).toContain('--output folder');
    expect(none.stderr).not.toMatch(/\n\s+at /);

    const broken = folder();
    writeFileSync(join(broken, 'run.json'), '{"format": "simsim-run/1", ');
    const bad = await runCli(['report', broken]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not valid JSON');

    const foreign = folder();
    writeFileSync(join(foreign, 'run.json'), '{"name": "something else"}');
    expect((await runCli(['report', foreign])).stderr).toContain('not a simsim run manifest');

    const jsonl = folder();
    writeRunFolder(jsonl, richRun());
    writeFileSync(join(jsonl, 'conversations.jsonl'), '{"id": "a"}\n{cut');
    const cut = await runCli(['report', jsonl]);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toContain('conversations.jsonl:2:1');
  });

  it('is listed in --help', async () => {
    const help = await runCli(['--help']);
    expect(help.stdout).toMatch(/report \[options\] <run-dir>/);
  });
});
