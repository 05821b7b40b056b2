import { join } from 'node:path';
import { jsonCompleter } from '../llm/engine-ports.ts';
import { createRunLlm } from '../llm/create-run-llm.ts';
import { modelSpecFromProfile } from '../llm/model-spec.ts';
import { anyPrompt } from '../variables/any-call.ts';
import type { AnyGenerator } from '../variables/data/any-items.ts';
import { createLlmAnyGenerator } from '../variables/data/llm-any-generator.ts';
import { runSerial } from '../runtime/serial.ts';
import { planProject } from './plan-project.ts';
import { readRunYml } from './read-run-yml.ts';

/** Whether a profile's variables have an `any()` item in their data. */
function usesAny(value: unknown, key?: string): boolean {
  if (Array.isArray(value)) return value.some((item) => (key === 'data' && anyPrompt(item) !== undefined) || usesAny(item));
  if (typeof value === 'object' && value !== null) return Object.entries(value).some(([k, v]) => usesAny(v, k));
  return false;
}

/**
 * `validate --expand-any`: plans the valid profiles with each one's model generating its `any()`
 * values, so they are cached before a run (and reviewed in .simsim/cache/any/). Offline profiles
 * are skipped. The calls are costed in output/reports/__cost_reports__/ like a run's.
 */
export async function expandAnyValues(options: { projectDir: string; profiles?: readonly string[] | undefined; cwd: string; env: Readonly<Record<string, string | undefined>>; clock: () => Date }): Promise<{ profiles: number; usd: number }> {
  // Valid profiles (with a real model) that have an any() item.
  let withAny = 0;
  const run = await readRunYml(options.projectDir, options.cwd);
  const llm = await createRunLlm({ projectDir: options.projectDir, runYml: run.value, processEnv: options.env, outputDir: join(options.projectDir, 'output'), serial: runSerial(options.clock()) });
  try {
    await planProject({
      projectDir: options.projectDir,
      profiles: options.profiles,
      cwd: options.cwd,
      seed: 0,
      clock: options.clock,
      generateAnyFor: (profile) => {
        const spec = modelSpecFromProfile(profile['llm'] as Record<string, unknown> | undefined);
        if (spec.provider === 'offline' || !usesAny(profile)) return undefined;
        withAny++;
        // The client (and its API key) is needed only for values not cached yet.
        let generate: AnyGenerator | undefined;
        return (prompt, avoid, type) => {
          generate ??= createLlmAnyGenerator(jsonCompleter(llm.client(spec), { module: 'goals_any_list', testName: String(profile['test_name']) }));
          return generate(prompt, avoid, type);
        };
      },
    });
    return { profiles: withAny, usd: llm.ledger.totals().usd };
  } finally {
    await llm.finish();
  }
}
