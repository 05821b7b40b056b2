import { join } from 'node:path';
import { jsonCompleter } from '../llm/engine-ports.ts';
import { createRunLlm } from '../llm/create-run-llm.ts';
import { modelSpecFromProfile } from '../llm/model-spec.ts';
import { createLlmAnyGenerator } from '../variables/data/llm-any-generator.ts';
import { runSerial } from '../runtime/serial.ts';
import { planProject } from './plan-project.ts';
import { readRunYml } from './read-run-yml.ts';

/**
 * `validate --expand-any`: plans the valid profiles with each one's model generating its `any()`
 * values, so they are cached before a run (and reviewed in .simsim/cache/any/). Offline profiles
 * are skipped. The calls are costed in output/reports/__cost_reports__/ like a run's.
 */
export async function expandAnyValues(options: { projectDir: string; profiles?: readonly string[] | undefined; cwd: string; env: Readonly<Record<string, string | undefined>>; clock: () => Date }): Promise<{ profiles: number; usd: number }> {
  const run = await readRunYml(options.projectDir, options.cwd);
  const llm = await createRunLlm({ projectDir: options.projectDir, runYml: run.value, processEnv: options.env, outputDir: join(options.projectDir, 'output'), serial: runSerial(options.clock()) });
  try {
    const result = await planProject({
      projectDir: options.projectDir,
      profiles: options.profiles,
      cwd: options.cwd,
      seed: 0,
      clock: options.clock,
      generateAnyFor: (profile) => {
        const spec = modelSpecFromProfile(profile['llm'] as Record<string, unknown> | undefined);
        if (spec.provider === 'offline') return undefined;
        return createLlmAnyGenerator(jsonCompleter(llm.client(spec), { module: 'goals_any_list', testName: String(profile['test_name']) }));
      },
    });
    return { profiles: result.results.filter((r) => r.ok).length, usd: llm.ledger.totals().usd };
  } finally {
    await llm.finish();
  }
}
