import { readFile, realpath } from 'node:fs/promises';
import { UsageError } from '../../base/errors.ts';
import { costJournalPath } from '../../cost/cost-journal.ts';
import { OUTPUT_FORMATS, type OutputFormat } from '../../model/run-settings.ts';
import { listFinishedConversations } from '../../output/finished-conversations.ts';
import type { ResultRecord } from '../../output/result-record.ts';
import { runManifestPath } from '../../output/run-layout.ts';
import { readShardManifest, shardManifestPath, type ShardManifest } from '../shard/shard-manifest.ts';
import { shardText } from '../shard/shard-spec.ts';

/** What merge reads of a shard's run.json: the run-wide facts no conversation record holds. */
export interface ShardRunRecord {
  readonly options: Readonly<Record<string, unknown>>;
  readonly profiles: readonly { readonly file: string; readonly testName: string; readonly hash: string }[];
  readonly startedAt: string;
  readonly endedAt: string;
  readonly stopReason: string;
  /** The shard's `--format`s (run.json's options): the merged run writes the same files. */
  readonly formats: readonly OutputFormat[];
}

const isFormat = (value: unknown): value is OutputFormat => OUTPUT_FORMATS.some((f) => f === value);

/** One shard's output folder, read for merging. */
export interface ShardFolder {
  /** The folder as given. */
  readonly dir: string;
  /** The folder with links resolved: the same folder given twice is one folder. */
  readonly realDir: string;
  readonly manifest: ShardManifest;
  readonly run: ShardRunRecord;
  /** The shard's finished conversations (interrupted ones have no record: they count as missing). */
  readonly records: readonly ResultRecord[];
  readonly journal: string;
}

async function readRunRecord(dir: string, manifest: ShardManifest): Promise<ShardRunRecord> {
  const path = runManifestPath(dir);
  const unfinished = new UsageError(
    `${path} is missing: shard ${manifest.shard.index}/${manifest.shard.total} did not finish`,
    {
      hint: `Finish it first: simsim run --resume ${dir} (with the same project and flags), then merge again.`,
    },
  );
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw unfinished;
    throw new UsageError(`${path} cannot be read as JSON: ${(error as Error).message}`, {
      hint: `Resume the shard (simsim run --resume ${dir}) to write it again.`,
    });
  }
  if (raw['serial'] !== manifest.serial)
    throw new UsageError(
      `${path} is run ${String(raw['serial'])}, but ${shardManifestPath(dir)} is shard ${shardText(manifest.shard)} of run ${manifest.serial}: the folder's latest run is not that shard, or the shard did not finish`,
      {
        hint: `Finish the shard (simsim run --resume ${dir}), or play it again into an empty --output folder.`,
      },
    );
  const profiles = Array.isArray(raw['profiles']) ? (raw['profiles'] as Record<string, unknown>[]) : [];
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const options =
    typeof raw['options'] === 'object' && raw['options'] !== null ? (raw['options'] as Record<string, unknown>) : {};
  const formats = Array.isArray(options['formats']) ? (options['formats'] as unknown[]).filter(isFormat) : [];
  return {
    options,
    profiles: profiles.map((p) => ({ file: text(p['file']), testName: text(p['test_name']), hash: text(p['hash']) })),
    startedAt: text(raw['started_at']),
    endedAt: text(raw['ended_at']),
    stopReason: text(raw['stop_reason']) || 'completed',
    formats,
  };
}

/** Reads a shard's folder; a folder that is not a finished shard is a usage error (exit 2) saying what to do. */
export async function readShardFolder(dir: string): Promise<ShardFolder> {
  const realDir = await realpath(dir).catch(() => {
    throw new UsageError(`${dir} does not exist`, {
      hint: "Pass the shards' output folders (their --output), e.g. simsim merge shard-1 shard-2 -o merged.",
    });
  });
  const manifest = await readShardManifest(dir);
  if (manifest === undefined)
    throw new UsageError(`${dir} is not a shard's output folder: it has no shard.json`, {
      hint: 'Merge the output folders of "simsim run --shard i/n" runs; an unsharded run needs no merging.',
    });
  const run = await readRunRecord(dir, manifest);
  const records = await listFinishedConversations(dir, manifest.serial);
  return { dir, realDir, manifest, run, records, journal: costJournalPath(dir, manifest.serial) };
}
