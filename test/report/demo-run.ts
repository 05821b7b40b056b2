import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, runCli, type CliRun } from '../helpers/run-cli.ts';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The README demo (offline user, bundled pizza bot) in a copy of the checkout, on a port of its
 * own so it never shares the bot with another test's demo. Returns the copy and the run.
 */
export async function runDemoCopy(
  extraArgs: readonly string[] = [],
  rules: Readonly<Record<string, string>> = {},
): Promise<{ dir: string; output: string; run: CliRun }> {
  const dir = mkdtempSync(join(tmpdir(), 'simsim-report-demo-'));
  for (const entry of [
    'package.json',
    'bin',
    'dist',
    'schemas',
    'templates',
    'profiles',
    'personalities',
    'types',
    'connectors',
    'examples',
    'run.yml.example',
  ]) {
    cpSync(join(REPO_ROOT, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  if (Object.keys(rules).length > 0) mkdirSync(join(dir, 'rules'));
  for (const [name, text] of Object.entries(rules)) writeFileSync(join(dir, 'rules', name), text);
  const port = String(await freePort());
  const runYml = join(dir, 'run.yml.example');
  writeFileSync(runYml, readFileSync(runYml, 'utf8').replaceAll('5050', port));
  const run = await runCli(
    ['run', '--run-from-yaml', 'run.yml.example', '--model', 'offline', '--seed', '42', ...extraArgs],
    { cwd: dir, env: { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '' } },
  );
  return { dir, output: join(dir, 'output'), run };
}
