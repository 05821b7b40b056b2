import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { asArray, asRecord, asString } from '../profile/access.ts';
import { parseFailOn, type FailOn } from '../check/fail-on.ts';

/** Everything `simsim run` needs to know, from flags or from run.yml. */
export interface RunOptions {
  /** Where the options came from: `--run-from-yaml` (run.yml) or the command line. */
  readonly source: 'run.yml' | 'flags';
  /** With --run-from-yaml: the run.yml-style file read (undefined: run.yml or run.yaml). */
  readonly runFile?: string | undefined;
  readonly projectDir: string;
  /** A profile file or folder; relative paths are looked up under profiles/. Undefined: all profiles. */
  readonly userProfile: string | undefined;
  readonly technology: string | undefined;
  /** Path of a connector YAML file. */
  readonly connector: string | undefined;
  /** Connector parameters: a map, JSON text, or `k=v,k2=v2`. */
  readonly connectorParameters: Record<string, unknown> | string | undefined;
  readonly personality: string | undefined;
  readonly outputDir: string;
  readonly verbose: boolean;
  readonly cleanCache: boolean;
  readonly updateCache: boolean;
  readonly ignoreCache: boolean;
  readonly seed: number | undefined;
  readonly concurrency: number;
  readonly maxCost: number | undefined;
  readonly dryRun: boolean;
  readonly json: boolean;
  /** Overrides the simulated user's model in every profile. */
  readonly model: string | undefined;
  /** What gives exit 1: conversations that ended in errors, failed rules (`--fail-on`). */
  readonly failOn: FailOn;
  /** Check the project's rules at the end of the run (`--no-check`: false). */
  readonly check?: boolean | undefined;
  /** Record and replay every LLM call (`--cache`). */
  readonly cache?: boolean | undefined;
  /** LLM retries after the first attempt, and seconds per attempt (win over run.yml's `llm:`). */
  readonly retries?: number | undefined;
  readonly timeoutSeconds?: number | undefined;
  /** Finish the latest run of this output folder: same serial and seed, only what is missing. */
  readonly resume?: boolean | undefined;
  /** With `resume`: accept profiles edited since the run started (run.json records it). */
  readonly force?: boolean | undefined;
  /** Check that the chatbot takes connections before the first conversation (`--no-preflight`: false). */
  readonly preflight?: boolean | undefined;
}

/** The flags as commander hands them over (Sensei's spellings already normalised). */
export interface RunFlags {
  technology?: string;
  connector?: string;
  connectorParameters?: string;
  connectorParams?: string;
  projectPath?: string;
  userProfile?: string;
  personality?: string;
  extract?: string;
  output?: string;
  verbose?: boolean;
  cleanCache?: boolean;
  updateCache?: boolean;
  ignoreCache?: boolean;
  runFromYaml?: string;
  seed?: number;
  concurrency?: number;
  maxCost?: number;
  dryRun?: boolean;
  json?: boolean;
  model?: string;
  failOn?: string;
  check?: boolean;
  cache?: boolean;
  retries?: number;
  timeout?: number;
  preflight?: boolean;
}

/** Flags that run.yml sets; giving them with --run-from-yaml is ambiguous (Sensei refuses too). */
const RUN_YML_FLAGS: Array<[keyof RunFlags, string]> = [
  ['technology', '--technology'],
  ['connector', '--connector'],
  ['connectorParameters', '--connector-parameters'],
  ['connectorParams', '--connector-params'],
  ['projectPath', '--project-path'],
  ['userProfile', '--user-profile'],
  ['personality', '--personality'],
  ['extract', '--extract'],
  ['output', '--output'],
  ['cleanCache', '--clean-cache'],
  ['updateCache', '--update-cache'],
  ['ignoreCache', '--ignore-cache'],
];

export const DEFAULT_CONCURRENCY = 4;

function common(flags: RunFlags): Pick<RunOptions, 'seed' | 'concurrency' | 'maxCost' | 'dryRun' | 'json' | 'model' | 'failOn' | 'check' | 'cache' | 'retries' | 'timeoutSeconds' | 'preflight'> {
  return {
    preflight: flags.preflight ?? true,
    cache: flags.cache,
    retries: flags.retries,
    timeoutSeconds: flags.timeout,
    seed: flags.seed,
    concurrency: flags.concurrency ?? DEFAULT_CONCURRENCY,
    maxCost: flags.maxCost,
    dryRun: flags.dryRun ?? false,
    json: flags.json ?? false,
    model: flags.model,
    failOn: parseFailOn(flags.failOn ?? 'errors,rules'),
    check: flags.check !== false,
  };
}

/** Options from the command line alone. Relative paths are relative to the working directory. */
export function optionsFromFlags(flags: RunFlags, cwd: string): RunOptions {
  const projectDir = resolve(cwd, flags.projectPath ?? '.');
  return {
    source: 'flags',
    projectDir,
    userProfile: flags.userProfile,
    technology: flags.technology,
    connector: flags.connector === undefined ? undefined : resolve(cwd, flags.connector),
    connectorParameters: flags.connectorParameters ?? flags.connectorParams,
    personality: flags.personality,
    outputDir: resolve(cwd, flags.extract ?? flags.output ?? 'output'),
    verbose: flags.verbose ?? false,
    cleanCache: flags.cleanCache ?? false,
    updateCache: flags.updateCache ?? false,
    ignoreCache: flags.ignoreCache ?? false,
    ...common(flags),
  };
}

/**
 * Options from `<project>/run.yml` (the validated value), for `--run-from-yaml`. Paths in
 * run.yml are relative to the project folder, so the same file works from any directory.
 */
export function optionsFromRunYml(runYml: Record<string, unknown>, flags: RunFlags, projectDir: string, runFile?: string): RunOptions {
  const given = RUN_YML_FLAGS.filter(([key]) => flags[key] !== undefined).map(([, flag]) => flag);
  if (given.length > 0) {
    throw new UsageError(`${given.join(', ')} cannot be combined with --run-from-yaml: run.yml sets them`, {
      hint: 'Edit run.yml, or run without --run-from-yaml and pass every flag on the command line.',
    });
  }
  const parameters = (asArray(runYml['execution_parameters']) ?? []).map((p) => String(p).replace(/-/g, '_'));
  const pick = (...keys: string[]) => {
    for (const key of keys) if (runYml[key] !== undefined && runYml[key] !== null) return runYml[key];
    return undefined;
  };
  const text = (...keys: string[]) => {
    const value = asString(pick(...keys));
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const connector = text('connector');
  const output = pick('extract', 'output');
  const params = pick('connector_params', 'connector_parameters', 'connector-params', 'connector-parameters');
  const outputText = typeof output === 'string' && output.trim() !== '' ? output : 'output';
  return {
    source: 'run.yml',
    runFile,
    projectDir,
    userProfile: text('user_profile', 'user-profile'),
    technology: text('technology'),
    connector: connector === undefined ? undefined : resolve(projectDir, connector),
    connectorParameters: asRecord(params) ?? (typeof params === 'string' && params.trim() !== '' ? params : undefined),
    personality: text('personality'),
    outputDir: isAbsolute(outputText) ? outputText : resolve(projectDir, outputText),
    verbose: flags.verbose === true || parameters.includes('verbose'),
    cleanCache: parameters.includes('clean_cache'),
    updateCache: parameters.includes('update_cache'),
    ignoreCache: parameters.includes('ignore_cache'),
    ...common(flags),
    model: flags.model ?? text('model'),
  };
}
