import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFinishedConversations } from '../../src/output/finished-conversations.ts';
import type { ResultRecord } from '../../src/output/result-record.ts';
import { REPO_ROOT, runCli, type CliRun } from './run-cli.ts';
import { tempProject } from './temp-project.ts';

export interface OfflinePizzaRun {
  /** The project folder (remove it when done). */
  readonly project: string;
  /** The run's output folder. */
  readonly output: string;
  readonly cli: CliRun;
  readonly records: ResultRecord[];
}

/**
 * Plays this repository's example profiles (or some of them) with the offline user (or another
 * model) against the bundled pizza bot, started by simsim as run.yml.example says, and reads back every finished
 * conversation. `output` names the output folder inside the project.
 */
export interface PizzaRunOptions {
  readonly profiles?: readonly string[];
  readonly seed?: number;
  readonly output?: string;
  readonly project?: string;
  /** The simulated user's model (default offline); null plays each profile's own model. */
  readonly model?: string | null;
  readonly env?: Record<string, string | undefined>;
  /** Replaces run.yml's server command (a YAML flow list, e.g. `[node, bot.mjs, "{{port}}"]`). */
  readonly serverCommand?: string;
}

export async function offlinePizzaRun(options: PizzaRunOptions = {}): Promise<OfflinePizzaRun> {
  const project = options.project ?? tempProject({});
  const output = options.output ?? 'out';
  mkdirSync(join(project, 'profiles'), { recursive: true });
  for (const name of options.profiles ?? ['pizza_order.yml', 'shop_questions.yml', 'custom_pizza.yml'])
    copyFileSync(join(REPO_ROOT, 'profiles', name), join(project, 'profiles', name));
  let runYml = readFileSync(join(REPO_ROOT, 'run.yml.example'), 'utf8').replace(
    /^extract: output$/m,
    `extract: ${output}`,
  );
  if (options.serverCommand !== undefined)
    runYml = runYml.replace(/^ {2}command: .*$/m, `  command: ${options.serverCommand}`);
  writeFileSync(join(project, 'run.yml'), runYml);
  const model =
    options.model === undefined ? ['--model', 'offline'] : options.model === null ? [] : ['--model', options.model];
  const cli = await runCli(['run', '--run-from-yaml', project, ...model, '--seed', String(options.seed ?? 42)], {
    killAfterMs: 60_000,
    env: options.env,
  });
  const records = await listFinishedConversations(join(project, output));
  return { project, output: join(project, output), cli, records };
}
