import { CostJournal, readCostJournal } from '../cost/cost-journal.ts';
import { CostLedger } from '../cost/ledger.ts';
import { costReportPath, CostReportWriter } from '../cost/cost-report.ts';
import { PriceTable } from '../cost/pricing.ts';
import { loadProjectEnv, type EnvMap } from '../project/env-file.ts';
import type { Clock } from '../runtime/clock.ts';
import { Redactor } from '../secrets/redaction.ts';
import { LlmCache, type CacheSettings } from './cache/cache-policy.ts';
import { LlmRuntime } from './llm-runtime.ts';
import { readLlmRunSettings } from './run-settings.ts';

/** Cache flags from the CLI (either spelling) and run.yml's `execution_parameters`. */
export interface CacheFlags {
  readonly cache?: boolean | undefined;
  readonly ignoreCache?: boolean | undefined;
  readonly updateCache?: boolean | undefined;
  readonly cleanCache?: boolean | undefined;
}

export function cacheSettingsFrom(flags: CacheFlags, executionParameters: readonly unknown[] = [], runYmlCache = false): CacheSettings {
  const has = (name: string) => executionParameters.some((p) => p === name || p === name.replace('_', '-'));
  return {
    all: flags.cache === true || runYmlCache,
    ignore: flags.ignoreCache === true || has('ignore_cache'),
    update: flags.updateCache === true || has('update_cache'),
    clean: flags.cleanCache === true || has('clean_cache'),
  };
}

export interface RunLlmOptions {
  readonly projectDir: string;
  /** run.yml's value (already validated), or undefined without one. */
  readonly runYml?: unknown;
  readonly processEnv: EnvMap;
  /** The run's output folder and serial: the cost CSV goes to reports/__cost_reports__/. */
  readonly outputDir: string;
  readonly serial: string;
  /** `--max-cost`; wins over run.yml's `max_cost`. */
  readonly maxCostUsd?: number | undefined;
  readonly cacheFlags?: CacheFlags | undefined;
  /** `--retries` / `--timeout` (seconds) flags; win over run.yml's `llm:`. */
  readonly retries?: number | undefined;
  readonly timeoutSeconds?: number | undefined;
  readonly clock?: Clock | undefined;
  /**
   * The run's cost journal: every call is persisted there as it happens, and what it already holds
   * (earlier attempts of a resumed run) counts in the ledger's totals and caps.
   */
  readonly costJournal?: string | undefined;
  /** The run's secrets: the project's .env and the API keys are added to it, and the cost CSV is redacted with it. */
  readonly redactor?: Redactor | undefined;
}

/**
 * Everything a run needs to make LLM calls, built from the project folder, run.yml and the
 * flags: the project's .env, providers, prices, the cost ledger writing Sensei's cost CSV, the
 * cache and the retry policy. Call `runtime.finish()` when the run ends.
 */
export async function createRunLlm(options: RunLlmOptions): Promise<LlmRuntime> {
  const settings = readLlmRunSettings(options.runYml);
  const run = (typeof options.runYml === 'object' && options.runYml !== null ? options.runYml : {}) as Record<string, unknown>;
  const executionParameters = Array.isArray(run['execution_parameters']) ? (run['execution_parameters'] as unknown[]) : [];
  const env = await loadProjectEnv(options.projectDir, options.processEnv);
  const redactor = options.redactor ?? new Redactor();
  const ledger = new CostLedger({
    runCapUsd: options.maxCostUsd ?? settings.maxCostUsd,
    report: new CostReportWriter(costReportPath(options.outputDir, options.serial), redactor.text),
    journal: options.costJournal === undefined ? undefined : new CostJournal(options.costJournal),
  });
  if (options.costJournal !== undefined) await ledger.restore(readCostJournal(options.costJournal));
  const retry = options.retries === undefined ? settings.retry : { ...settings.retry, retries: options.retries };
  return new LlmRuntime({
    env,
    ledger,
    providers: settings.providers,
    prices: new PriceTable(settings.pricing),
    cache: LlmCache.forProject(options.projectDir, cacheSettingsFrom(options.cacheFlags ?? {}, executionParameters, settings.cacheAll)),
    retry,
    timeoutMs: options.timeoutSeconds === undefined ? settings.timeoutMs : options.timeoutSeconds * 1000,
    defaultMaxTokens: settings.maxTokens,
    clock: options.clock,
    redactor,
  });
}
