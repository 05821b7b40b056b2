import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isChatbotFailure } from './conversation-verdict.ts';
import { isResultRecord, type ResultRecord } from './result-record.ts';
import { resultRecordsDir } from './run-layout.ts';

async function entries(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * The conversations of a run folder that finished (for `--resume`): every complete resume record,
 * optionally of one serial. Interrupted conversations are left out so a resume runs them again;
 * unreadable or half-written records are skipped the same way.
 */
export async function listFinishedConversations(runDir: string, serial?: string): Promise<ResultRecord[]> {
  const found: ResultRecord[] = [];
  await eachFinished(runDir, serial, (record) => found.push(record));
  return found.sort((a, b) =>
    a.folder !== b.folder
      ? a.folder < b.folder
        ? -1
        : 1
      : a.result.index - b.result.index || (a.result.trial ?? 1) - (b.result.trial ?? 1),
  );
}

/** A finished conversation of a run, without its transcript: what a resume needs to know of it. */
export interface FinishedRef {
  readonly folder: string;
  readonly index: number;
  /** Its trial in a run with trials; undefined otherwise. */
  readonly trial: number | undefined;
  readonly failed: boolean;
  /** Its resume record, read again when the reports need it. */
  readonly recordPath: string;
}

/** `listFinishedConversations` keeping only references: a resume of a long run holds no transcripts. */
export async function listFinishedRefs(runDir: string, serial: string): Promise<FinishedRef[]> {
  const found: FinishedRef[] = [];
  await eachFinished(runDir, serial, (record, recordPath) =>
    found.push({
      folder: record.folder,
      index: record.result.index,
      trial: record.result.trial,
      failed: isChatbotFailure(record.result),
      recordPath,
    }),
  );
  return found;
}

async function eachFinished(
  runDir: string,
  serial: string | undefined,
  take: (record: ResultRecord, path: string) => void,
): Promise<void> {
  const root = resultRecordsDir(runDir);
  const serials = serial === undefined ? await entries(root) : [serial];
  for (const s of serials) {
    for (const folder of await entries(join(root, s))) {
      for (const name of await entries(join(root, s, folder))) {
        if (!name.endsWith('.json') || name.startsWith('.')) continue;
        const path = join(root, s, folder, name);
        let parsed: unknown;
        try {
          parsed = JSON.parse(await readFile(path, 'utf8'));
        } catch {
          continue;
        }
        if (isResultRecord(parsed) && parsed.result.status !== 'interrupted') take(parsed, path);
      }
    }
  }
}
