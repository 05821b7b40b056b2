import { resolve } from 'node:path';
import { asArray, asRecord, asString } from '../base/access.ts';
import { UsageError } from '../base/errors.ts';
import type { YamlMap } from '../model/span.ts';
import {
  OUTPUT_FORMATS,
  type CacheSettings,
  type CaseSettings,
  type CaseStyleName,
  type ChatbotChoice,
  type OutputFormat,
  type RunSettings,
  type TargetChoice,
} from '../model/run-settings.ts';
import type { JudgeModelSettings } from '../model/judge-model.ts';
import { maxConversationsOf } from '../variables/plan-limits.ts';
import { readLlmRunSettings } from './llm-settings.ts';
import { serverConfigFromRun } from '../server/server-config.ts';
import { parseFailOn } from '../check/fail-on.ts';

/**
 * The flags of any command, as the CLI hands them over (both spellings already merged). Paths
 * are as typed, relative to the working folder.
 */
export interface ProjectFlags {
  /** `--run-from-yaml`: every setting comes from run.yml, and the flags that run.yml sets are refused. */
  readonly runFromYaml?: boolean | undefined;
  /** With `runFromYaml`: a run.yml-style file of the project folder (undefined: run.yml or run.yaml). */
  readonly runFile?: string | undefined;
  /** `--profile` / `--user-profile`: profile files or folders. */
  readonly profiles?: readonly string[] | undefined;
  readonly technology?: string | undefined;
  readonly connector?: string | undefined;
  readonly connectorParameters?: string | undefined;
  readonly personality?: string | undefined;
  /** `--output` / `--extract`; wins over run.yml's `extract:`. */
  readonly output?: string | undefined;
  /** `--resume <dir>`: finish the latest run of that output folder. */
  readonly resume?: string | undefined;
  readonly force?: boolean | undefined;
  readonly model?: string | undefined;
  readonly seed?: number | undefined;
  readonly concurrency?: number | undefined;
  readonly maxCost?: number | undefined;
  readonly retries?: number | undefined;
  readonly timeoutSeconds?: number | undefined;
  readonly cache?: boolean | undefined;
  readonly ignoreCache?: boolean | undefined;
  readonly updateCache?: boolean | undefined;
  readonly cleanCache?: boolean | undefined;
  readonly verbose?: boolean | undefined;
  readonly json?: boolean | undefined;
  readonly dryRun?: boolean | undefined;
  /** `--fail-on`: a comma list of errors, rules, expectations, inconclusive, simulator_faults (default errors,rules,expectations), or none. */
  readonly failOn?: string | undefined;
  /** `--judge-model`: the judge of every profile's expectations. */
  readonly judgeModel?: string | undefined;
  /** `--retry-simulator-faults N`. */
  readonly retrySimulatorFaults?: number | undefined;
  /** `--trials k`: play every planned conversation k times; wins over run.yml's `trials:`. */
  readonly trials?: number | undefined;
  /** `--min-pass-rate r` (0..1); wins over run.yml's `min_pass_rate:`. */
  readonly minPassRate?: number | undefined;
  /** `--no-check`: false. */
  readonly check?: boolean | undefined;
  readonly preflight?: boolean | undefined;
  /** `chat --no-server`: false. */
  readonly server?: boolean | undefined;
  /** `--cases FILE`: test cases to run, one conversation per row. */
  readonly cases?: string | undefined;
  /** `--style`: the test cases' style, when it cannot be told from the first row. */
  readonly caseStyle?: CaseStyleName | undefined;
  /** `--turns`: Vellum-style cases, user messages per conversation. */
  readonly turns?: number | undefined;
  /** `--target ./agent.mjs#reply` or `./agent.py:reply`: a function as the chatbot. */
  readonly target?: string | undefined;
  /** `--format`: files written besides the Sensei outputs. */
  readonly formats?: readonly OutputFormat[] | undefined;
}

/** Flags that run.yml sets; giving them with --run-from-yaml is ambiguous (Sensei refuses too). */
const RUN_YML_FLAGS: ReadonlyArray<readonly [keyof ProjectFlags, string]> = [
  ['technology', '--technology'],
  ['connector', '--connector'],
  ['connectorParameters', '--connector-parameters'],
  ['profiles', '--user-profile'],
  ['target', '--target'],
  ['cases', '--cases'],
  ['personality', '--personality'],
  ['cleanCache', '--clean-cache'],
  ['updateCache', '--update-cache'],
  ['ignoreCache', '--ignore-cache'],
];

export const DEFAULT_CONCURRENCY = 4;

/** What exits 1 unless `--fail-on` says otherwise. */
export const DEFAULT_FAIL_ON = 'errors,rules,expectations';

/** `--judge-model` wins over run.yml's `judge:`; either wins over the profiles' own `llm.judge`. */
function judgeSettings(flags: ProjectFlags, runYml: YamlMap): JudgeModelSettings | undefined {
  const yml = asRecord(runYml['judge']);
  const model = text(flags.judgeModel) ?? text(yml?.['model']);
  const temperature = typeof yml?.['temperature'] === 'number' ? yml['temperature'] : undefined;
  return model === undefined && temperature === undefined ? undefined : { model, temperature };
}

const text = (value: unknown): string | undefined => {
  const s = asString(value);
  return s === undefined || s.trim() === '' ? undefined : s.trim();
};

/** run.yml values the schema already checked; anything else reads as not given. */
const wholeNumber = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
const rate = (value: unknown): number | undefined =>
  typeof value === 'number' && value >= 0 && value <= 1 ? value : undefined;

function pick(runYml: YamlMap, ...keys: string[]): unknown {
  for (const key of keys) if (runYml[key] !== undefined && runYml[key] !== null) return runYml[key];
  return undefined;
}

/** Sensei's `execution_parameters` (`verbose`, `clean-cache`, ...), with `-` read as `_`. */
function executionParameters(runYml: YamlMap): string[] {
  return (asArray(runYml['execution_parameters']) ?? []).map((p) => String(p).replace(/-/g, '_'));
}

function cacheSettings(flags: ProjectFlags, runYml: YamlMap): CacheSettings {
  const has = (name: string) => executionParameters(runYml).includes(name);
  return {
    all: flags.cache === true || runYml['cache'] === true,
    ignore: flags.ignoreCache === true || has('ignore_cache'),
    update: flags.updateCache === true || has('update_cache'),
    clean: flags.cleanCache === true || has('clean_cache'),
  };
}

/** run.yml's `target:`: the function as text, or a map with it and its settings. */
export function runYmlTarget(value: unknown, projectDir: string): TargetChoice | undefined {
  const map = asRecord(value);
  const spec = text(map === undefined ? value : map['function']);
  if (spec === undefined) return undefined;
  const timeout = map?.['timeout'];
  return {
    spec,
    baseDir: projectDir,
    timeoutMs: typeof timeout === 'number' && timeout > 0 ? timeout * 1000 : undefined,
    passEnv: (asArray(map?.['pass_env']) ?? []).filter((n): n is string => typeof n === 'string'),
    python: text(map?.['python']),
  };
}

/**
 * Which chatbot: the flags when they name one (`--connector`, `--technology`, `--target`),
 * otherwise run.yml's. run.yml's paths are relative to the project; a flag's to the working folder.
 */
function chatbotChoice(flags: ProjectFlags, runYml: YamlMap, projectDir: string, cwd: string): ChatbotChoice {
  const target = text(flags.target);
  if (target !== undefined && (flags.connector !== undefined || flags.technology !== undefined)) {
    throw new UsageError(
      `--target cannot be combined with ${flags.connector !== undefined ? '--connector' : '--technology'}`,
      {
        hint: 'A target is the chatbot itself, called in process: pass either --target or a connector, not both.',
      },
    );
  }
  const fromFlags =
    !flags.runFromYaml && (flags.connector !== undefined || flags.technology !== undefined || target !== undefined);
  if (fromFlags) {
    return {
      connector:
        flags.connector === undefined || flags.connector.trim() === '' ? undefined : resolve(cwd, flags.connector),
      technology: text(flags.technology),
      parameters: flags.connectorParameters,
      target:
        target === undefined
          ? undefined
          : { spec: target, baseDir: cwd, timeoutMs: undefined, passEnv: [], python: undefined },
      from: 'flags',
    };
  }
  const connector = text(runYml['connector']);
  return {
    connector: connector === undefined ? undefined : resolve(projectDir, connector),
    technology: text(runYml['technology']),
    parameters:
      flags.connectorParameters ??
      pick(runYml, 'connector_parameters', 'connector_params', 'connector-params', 'connector-parameters'),
    target: runYmlTarget(runYml['target'], projectDir),
    from: 'run.yml',
  };
}

const CASE_STYLE_NAMES: readonly CaseStyleName[] = ['mlflow', 'azure', 'databricks', 'vellum'];

/**
 * The test cases: `--cases` (relative to the working folder), else run.yml's `cases:` (relative
 * to the project) unless the command line names profiles. `--style` and `--turns` win over
 * run.yml's `style:` and `turns:`.
 */
function caseSettings(flags: ProjectFlags, runYml: YamlMap, projectDir: string, cwd: string): CaseSettings | undefined {
  const given = text(flags.cases);
  const fromYml = asRecord(runYml['cases']);
  const ymlFile = text(fromYml === undefined ? runYml['cases'] : fromYml['file']);
  const useYml = given === undefined && ymlFile !== undefined && (flags.profiles ?? []).length === 0;
  if (given === undefined && !useYml) {
    const flag = flags.caseStyle !== undefined ? '--style' : flags.turns !== undefined ? '--turns' : undefined;
    if (flag !== undefined)
      throw new UsageError(`${flag} is about test cases, but no test cases are given`, {
        hint: 'Add --cases FILE (or `cases:` in run.yml), or drop the flag.',
      });
    return undefined;
  }
  const ymlStyle = text(fromYml?.['style']);
  const ymlTurns = fromYml?.['turns'];
  return {
    absPath: given !== undefined ? resolve(cwd, given) : resolve(projectDir, ymlFile ?? ''),
    style:
      flags.caseStyle ?? (useYml ? CASE_STYLE_NAMES.find((style) => style === ymlStyle?.toLowerCase()) : undefined),
    turns: flags.turns ?? (useYml && typeof ymlTurns === 'number' ? ymlTurns : undefined),
    stopPhrases: useYml
      ? (asArray(fromYml?.['stop_phrases']) ?? []).filter((p): p is string => typeof p === 'string')
      : [],
  };
}

/** `--format`, else run.yml's `format:` (one name or a list); unknown names are validation's to report. */
function outputFormats(flags: ProjectFlags, runYml: YamlMap): OutputFormat[] {
  if (flags.formats !== undefined) return [...new Set(flags.formats)];
  const value = runYml['format'];
  const names = typeof value === 'string' ? value.split(',') : (asArray(value) ?? []);
  const formats = names
    .map((n) => (typeof n === 'string' ? n.trim() : ''))
    .filter((n): n is OutputFormat => (OUTPUT_FORMATS as readonly string[]).includes(n));
  return [...new Set(formats)];
}

/** Where a run that takes its arguments from run.yml writes: its `extract:`, else the project's output/. */
export function runYmlOutputDir(runYml: YamlMap, projectDir: string): string {
  const extract = text(pick(runYml, 'extract', 'output'));
  return extract === undefined ? resolve(projectDir, 'output') : resolve(projectDir, extract);
}

/**
 * run.yml and the flags, merged once. With `--run-from-yaml` run.yml gives the profile, the
 * chatbot, the personality and the output folder (Sensei); otherwise the flags do, and run.yml
 * still gives what no flag can (providers, prices, limits, the server and the chatbot when no
 * flag names one). `--output` always wins over run.yml's `extract:`.
 */
export function runSettingsFrom(
  runYml: YamlMap | undefined,
  flags: ProjectFlags,
  where: { projectDir: string; runFile: string | undefined; cwd: string },
): RunSettings {
  const yml: YamlMap = runYml ?? {};
  const fromRunYml = flags.runFromYaml === true;
  if (fromRunYml) {
    const given = RUN_YML_FLAGS.filter(
      ([key]) => flags[key] !== undefined && !(Array.isArray(flags[key]) && flags[key].length === 0),
    ).map(([, flag]) => flag);
    if (given.length > 0) {
      throw new UsageError(`${given.join(', ')} cannot be combined with --run-from-yaml: run.yml sets them`, {
        hint: 'Edit run.yml, or run without --run-from-yaml and pass every flag on the command line.',
      });
    }
  }
  const { projectDir, cwd } = where;
  const chatbot = chatbotChoice(flags, yml, projectDir, cwd);
  const outputDir =
    flags.resume !== undefined
      ? resolve(cwd, flags.resume)
      : flags.output !== undefined
        ? resolve(cwd, flags.output)
        : fromRunYml
          ? runYmlOutputDir(yml, projectDir)
          : resolve(cwd, 'output');
  const llm = readLlmRunSettings(yml);
  const timeout = flags.timeoutSeconds;
  return {
    source: fromRunYml ? 'run.yml' : 'flags',
    runFile: where.runFile,
    projectDir,
    chatbot,
    server:
      chatbot.from === 'run.yml' && flags.server !== false ? serverConfigFromRun(yml['server'], projectDir) : undefined,
    personality: fromRunYml ? text(yml['personality']) : flags.personality,
    model: flags.model ?? (fromRunYml ? text(yml['model']) : undefined),
    llm: {
      ...llm,
      retry: flags.retries === undefined ? llm.retry : { ...llm.retry, retries: flags.retries },
      timeoutMs: timeout === undefined ? llm.timeoutMs : timeout * 1000,
    },
    cache: cacheSettings(flags, yml),
    outputDir,
    limits: { maxConversations: maxConversationsOf(asRecord(yml)) },
    seed: flags.seed,
    concurrency: flags.concurrency ?? DEFAULT_CONCURRENCY,
    maxCostUsd: flags.maxCost,
    verbose: flags.verbose === true || (fromRunYml && executionParameters(yml).includes('verbose')),
    json: flags.json === true,
    dryRun: flags.dryRun === true,
    failOn: parseFailOn(flags.failOn ?? DEFAULT_FAIL_ON),
    judge: judgeSettings(flags, yml),
    retrySimulatorFaults:
      flags.retrySimulatorFaults ??
      (typeof yml['retry_simulator_faults'] === 'number' ? yml['retry_simulator_faults'] : 0),
    trials: flags.trials ?? wholeNumber(yml['trials']),
    minPassRate: flags.minPassRate ?? rate(yml['min_pass_rate']),
    check: flags.check !== false,
    preflight: flags.preflight !== false,
    resume: flags.resume !== undefined,
    force: flags.force === true,
    cases: caseSettings(flags, yml, projectDir, cwd),
    formats: outputFormats(flags, yml),
  };
}

/** The profile selection run.yml makes (`user_profile`), for `--run-from-yaml`. */
export function runYmlProfile(runYml: YamlMap | undefined): string | undefined {
  return runYml === undefined ? undefined : text(pick(runYml, 'user_profile', 'user-profile'));
}
