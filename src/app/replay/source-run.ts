import { join } from 'node:path';
import { UsageError } from '../../base/errors.ts';
import { listFinishedConversations } from '../../output/finished-conversations.ts';
import type { ResultRecord } from '../../output/result-record.ts';
import { runManifestPath } from '../../output/run-layout.ts';
import { readBounded } from '../../yaml/read-bounded.ts';

/** run.json of runs far larger than the 10,000-conversation benchmark fits. */
const MAX_MANIFEST_BYTES = 1024 * 1024 * 1024;

type Rec = Record<string, unknown>;
const isRec = (value: unknown): value is Rec => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** A finished run to replay: what its run.json says about how it ran, and its conversations. */
export interface SourceRun {
  readonly dir: string;
  readonly serial: string;
  readonly seed: number;
  /** Trials per planned conversation; undefined for a run without trials. */
  readonly trials: number | undefined;
  /** The project it ran (run.json's options), when recorded. */
  readonly projectDir: string | undefined;
  /** It read its settings from run.yml (`--run-from-yaml`). */
  readonly fromRunYml: boolean;
  /** The run.yml-style file it read, when one. */
  readonly runFile: string | undefined;
  /** `--model`, `--personality`, the technology or connector file it used, when recorded. */
  readonly model: string | undefined;
  readonly personality: string | undefined;
  readonly technology: string | undefined;
  readonly connector: string | undefined;
  readonly profiles: readonly { readonly file: string; readonly hash: string }[];
  /** Every finished conversation (its resume record: the whole result), interrupted ones left out. */
  readonly records: readonly ResultRecord[];
}

function notARun(dir: string, why: string): UsageError {
  return new UsageError(`${dir} cannot be replayed: ${why}`, {
    hint: 'Give the output folder of a finished "simsim run" (it holds run.json and .simsim/results/).',
  });
}

/** Reads the run.json and the resume records of a run folder (`simsim replay <run-dir>`). */
export async function readSourceRun(dir: string): Promise<SourceRun> {
  const path = runManifestPath(dir);
  let raw: string;
  try {
    const read = await readBounded(path, MAX_MANIFEST_BYTES);
    if (!read.ok) throw notARun(dir, `run.json is larger than ${MAX_MANIFEST_BYTES / 1024 / 1024} MiB`);
    raw = read.bytes.toString('utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw notARun(dir, code === 'ENOENT' ? 'it has no run.json' : `run.json cannot be read (${code ?? String(error)})`);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(raw);
  } catch (error) {
    throw notARun(dir, `run.json is not valid JSON (${(error as Error).message})`);
  }
  if (!isRec(manifest) || typeof manifest['format'] !== 'string' || !manifest['format'].startsWith('simsim-run/'))
    throw notARun(dir, 'run.json is not a simsim run manifest (no "format": "simsim-run/...")');
  const serial = text(manifest['serial']);
  const seed = Number(manifest['seed']);
  if (serial === undefined || !Number.isSafeInteger(seed) || seed < 0)
    throw notARun(dir, 'run.json has no serial or seed');
  const options = isRec(manifest['options']) ? manifest['options'] : {};
  const trialsBlock = isRec(manifest['trials']) ? manifest['trials'] : {};
  const perConversation = trialsBlock['per_conversation'];
  const records = await listFinishedConversations(dir, serial);
  if (records.length === 0)
    throw notARun(dir, `it has no finished conversation of run ${serial} in ${join('.simsim', 'results')}`);
  const profiles = Array.isArray(manifest['profiles'])
    ? manifest['profiles'].filter(isRec).flatMap((p) => {
        const file = text(p['file']);
        return file === undefined ? [] : [{ file, hash: text(p['hash']) ?? '' }];
      })
    : [];
  return {
    dir,
    serial,
    seed,
    trials: typeof perConversation === 'number' && perConversation > 1 ? perConversation : undefined,
    projectDir: text(options['projectDir']),
    fromRunYml: options['source'] === 'run.yml',
    runFile: text(options['runFile']),
    model: text(options['model']),
    personality: text(options['personality']),
    technology: text(options['technology']),
    connector: text(options['connector']),
    profiles,
    records,
  };
}
