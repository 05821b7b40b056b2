import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyDemoCheckout } from '../helpers/demo-checkout.mjs';
import { runCli, type CliRun } from '../helpers/run-cli.ts';

/**
 * The README demo (offline user, bundled pizza bot) in a copy of the checkout; the bot takes a
 * free port of its own (`port: auto`), so it is never shared with another test's demo. Returns the
 * copy and the run.
 */
export async function runDemoCopy(
  extraArgs: readonly string[] = [],
  rules: Readonly<Record<string, string>> = {},
): Promise<{ dir: string; output: string; run: CliRun }> {
  const dir = mkdtempSync(join(tmpdir(), 'simsim-report-demo-'));
  copyDemoCheckout(dir);
  if (Object.keys(rules).length > 0) mkdirSync(join(dir, 'rules'));
  for (const [name, text] of Object.entries(rules)) writeFileSync(join(dir, 'rules', name), text);
  const run = await runCli(
    ['run', '--run-from-yaml', 'run.yml.example', '--model', 'offline', '--seed', '42', ...extraArgs],
    { cwd: dir, env: { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '' } },
  );
  return { dir, output: join(dir, 'output'), run };
}
