import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../base/atomic-write.ts';
import { UsageError } from '../../base/errors.ts';
import type { ShardSpec } from './shard-spec.ts';

export const SHARD_MANIFEST_FORMAT = 'simsim-shard/1';

/** `<output>/shard.json`: what `simsim merge` needs to know about one shard of a run. */
export function shardManifestPath(runDir: string): string {
  return join(runDir, 'shard.json');
}

/** What a run's shards must all agree on, besides the seed and the plan. */
export interface ShardConfig {
  readonly simsim: string;
  readonly technology: string | null;
  readonly connector: string | null;
  readonly model: string | null;
}

export interface ShardManifest {
  readonly format: typeof SHARD_MANIFEST_FORMAT;
  readonly runId: string | null;
  readonly shard: ShardSpec;
  readonly serial: string;
  readonly seed: number;
  readonly planHash: string;
  readonly trials: number;
  readonly profiles: readonly { readonly file: string; readonly hash: string }[];
  readonly config: ShardConfig;
  /** This shard's cost cap (its share of --max-cost, or --max-cost-per-shard). */
  readonly maxCostUsd: number | null;
  /** Every shard's units (index 0 is shard 1), so a merge can name the units of a missing shard. */
  readonly assignment: readonly (readonly string[])[];
  /** Units this shard finished; null until the shard's run ends. */
  readonly played: readonly string[] | null;
  readonly spend: { readonly usd: number | null; readonly calls: number } | null;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly stopReason: string | null;
}

export async function writeShardManifest(runDir: string, manifest: ShardManifest): Promise<void> {
  const json = {
    format: manifest.format,
    run_id: manifest.runId,
    shard: manifest.shard,
    serial: manifest.serial,
    seed: manifest.seed,
    plan_hash: manifest.planHash,
    trials: manifest.trials,
    profiles: manifest.profiles,
    config: manifest.config,
    max_cost_usd: manifest.maxCostUsd,
    units: {
      total: manifest.assignment.reduce((n, keys) => n + keys.length, 0),
      assigned: manifest.assignment[manifest.shard.index - 1]?.length ?? 0,
      played: manifest.played?.length ?? null,
    },
    played: manifest.played,
    spend: manifest.spend,
    started_at: manifest.startedAt,
    ended_at: manifest.endedAt,
    stop_reason: manifest.stopReason,
    assignment: manifest.assignment,
  };
  await writeFileAtomic(shardManifestPath(runDir), `${JSON.stringify(json, null, 2)}\n`);
}

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

function bad(path: string, what: string): UsageError {
  return new UsageError(`${path}: ${what}`, {
    hint: 'This file is written by "simsim run --shard i/n"; run the shard again (or --resume it) to rewrite it.',
  });
}

/** Reads a shard manifest; undefined when the folder has none. A damaged one is an error (exit 2). */
export async function readShardManifest(runDir: string): Promise<ShardManifest | undefined> {
  const path = shardManifestPath(runDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`, {
      hint: 'Check the folder and its permissions.',
    });
  }
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw bad(path, 'is not valid JSON');
  }
  if (raw['format'] !== SHARD_MANIFEST_FORMAT) throw bad(path, `is not a ${SHARD_MANIFEST_FORMAT} shard manifest`);
  const shard = raw['shard'] as Record<string, unknown> | undefined;
  const assignment = raw['assignment'];
  const profiles = raw['profiles'];
  if (
    typeof shard?.['index'] !== 'number' ||
    typeof shard['total'] !== 'number' ||
    typeof raw['serial'] !== 'string' ||
    typeof raw['seed'] !== 'number' ||
    typeof raw['plan_hash'] !== 'string' ||
    typeof raw['started_at'] !== 'string' ||
    !Array.isArray(assignment) ||
    !assignment.every(isStrings) ||
    assignment.length !== shard['total'] ||
    !Array.isArray(profiles)
  )
    throw bad(path, 'is missing fields or has fields of the wrong type');
  const config = (raw['config'] ?? {}) as Record<string, unknown>;
  const text_ = (v: unknown) => (typeof v === 'string' ? v : null);
  const spend = raw['spend'] as Record<string, unknown> | null | undefined;
  return {
    format: SHARD_MANIFEST_FORMAT,
    runId: text_(raw['run_id']),
    shard: { index: shard['index'], total: shard['total'] },
    serial: raw['serial'],
    seed: raw['seed'],
    planHash: raw['plan_hash'],
    trials: typeof raw['trials'] === 'number' ? raw['trials'] : 1,
    profiles: profiles.map((p: { file?: unknown; hash?: unknown }) => ({
      file: String(p.file),
      hash: String(p.hash),
    })),
    config: {
      simsim: typeof config['simsim'] === 'string' ? config['simsim'] : '',
      technology: text_(config['technology']),
      connector: text_(config['connector']),
      model: text_(config['model']),
    },
    maxCostUsd: typeof raw['max_cost_usd'] === 'number' ? raw['max_cost_usd'] : null,
    assignment,
    played: isStrings(raw['played']) ? raw['played'] : null,
    spend:
      spend && typeof spend['calls'] === 'number'
        ? { usd: typeof spend['usd'] === 'number' ? spend['usd'] : null, calls: spend['calls'] }
        : null,
    startedAt: raw['started_at'],
    endedAt: text_(raw['ended_at']),
    stopReason: text_(raw['stop_reason']),
  };
}
