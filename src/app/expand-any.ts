import { join } from 'node:path';
import { jsonCompleter } from './run/engine-ports.ts';
import { createRunLlm } from './run/create-run-llm.ts';
import type { Project } from '../load/project.ts';
import type { AnyGenerator } from '../variables/data/any-items.ts';
import { createLlmAnyGenerator } from './any-generator.ts';
import { runSerial } from '../base/run-serial.ts';
import { planProject } from './run/prepare-run.ts';

/**
 * `validate --expand-any`: plans the profiles with each one's model generating its `any()`
 * values, so they are cached before a run (and reviewed in .simsim/cache/any/). Offline profiles
 * are skipped. The calls are costed in output/reports/__cost_reports__/ like a run's.
 */
export async function expandAnyValues(
  project: Project,
  options: { clock: () => Date },
): Promise<{ profiles: number; usd: number }> {
  let withAny = 0;
  const llm = await createRunLlm({
    project,
    outputDir: join(project.dir, 'output'),
    serial: runSerial(options.clock()),
  });
  try {
    await planProject(project, {
      seed: 0,
      clock: options.clock,
      generateAny: (profile) => {
        const spec = profile.llm.model;
        const usesAny = profile.goals.variables.some((v) => v.data.kind === 'list' && v.data.anyPrompts.length > 0);
        if (spec.provider === 'offline' || !usesAny) return undefined;
        withAny++;
        // The client (and its API key) is needed only for values not cached yet.
        let generate: AnyGenerator | undefined;
        return (prompt, avoid, type) => {
          generate ??= createLlmAnyGenerator(
            jsonCompleter(llm.client(spec), { module: 'goals_any_list', testName: profile.testName }),
          );
          return generate(prompt, avoid, type);
        };
      },
    });
    return { profiles: withAny, usd: llm.ledger.totals().usd };
  } finally {
    await llm.finish();
  }
}
