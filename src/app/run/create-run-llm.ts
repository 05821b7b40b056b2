import { statSync } from 'node:fs';
import { CostJournal, readCostJournal } from '../../cost/cost-journal.ts';
import { CostLedger } from '../../cost/ledger.ts';
import { costReportPath, CostReportWriter } from '../../cost/cost-report.ts';
import { PriceTable } from '../../cost/pricing.ts';
import type { Clock } from '../../base/clock.ts';
import { Redactor } from '../../base/redaction.ts';
import { LlmCache } from '../../llm/cache/cache-policy.ts';
import { LlmRuntime } from '../../llm/llm-runtime.ts';
import type { Project } from '../../load/project.ts';
import type { LlmModule } from '../../llm/types.ts';

export interface RunLlmOptions {
  /** The project's folder, run settings and environment (a loaded project has them). */
  readonly project: Pick<Project, 'dir' | 'settings' | 'env'>;
  /** The run's output folder and serial: the cost CSV goes to reports/__cost_reports__/. */
  readonly outputDir: string;
  readonly serial: string;
  /** The run's cap: `--max-cost`, else the resumed run's, else run.yml's `max_cost`. */
  readonly maxCostUsd?: number | undefined;
  readonly clock?: Clock | undefined;
  /**
   * The run's cost journal: every call is persisted there as it happens, and what it already holds
   * (earlier attempts of a resumed run) counts in the ledger's totals and caps.
   */
  readonly costJournal?: string | undefined;
  /** The run's secrets: the API keys are added to it, and the cost CSV is redacted with it. */
  readonly redactor?: Redactor | undefined;
  /**
   * Modules never read from nor written to the cache (`--cache` included): a run with trials
   * plays every trial's simulated user afresh, or the trials would all be the first one.
   */
  readonly uncachedModules?: readonly LlmModule[] | undefined;
}

/**
 * Everything a run needs to make LLM calls, from the project's run settings: providers, prices,
 * the cost ledger writing Sensei's cost CSV, the cache and the retry policy, with the project's
 * environment (.env included). Call `runtime.finish()` when the run ends.
 */
export async function createRunLlm(options: RunLlmOptions): Promise<LlmRuntime> {
  const { settings } = options.project;
  const redactor = options.redactor ?? new Redactor();
  const ledger = new CostLedger({
    runCapUsd: options.maxCostUsd ?? settings.llm.maxCostUsd,
    report: new CostReportWriter(costReportPath(options.outputDir, options.serial), redactor.text),
    journal: options.costJournal === undefined ? undefined : new CostJournal(options.costJournal),
  });
  if (options.costJournal !== undefined && !missing(options.costJournal))
    await ledger.restore(readCostJournal(options.costJournal));
  return new LlmRuntime({
    env: options.project.env,
    ledger,
    providers: settings.llm.providers,
    prices: new PriceTable(settings.llm.pricing),
    cache: LlmCache.forProject(options.project.dir, settings.cache, options.uncachedModules),
    retry: settings.llm.retry,
    timeoutMs: settings.llm.timeoutMs,
    defaultMaxTokens: settings.llm.maxTokens,
    clock: options.clock,
    redactor,
  });
}

/**
 * A new run's journal is not there yet: reading it back would open a file stream to find that
 * out (~2 ms profiled before the first request). Any other answer reads it, as before.
 */
function missing(path: string): boolean {
  try {
    statSync(path);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}
