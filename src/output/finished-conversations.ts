import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  const root = resultRecordsDir(runDir);
  const serials = serial === undefined ? await entries(root) : [serial];
  const found: ResultRecord[] = [];
  for (const s of serials) {
    for (const folder of await entries(join(root, s))) {
      for (const name of await entries(join(root, s, folder))) {
        if (!name.endsWith('.json') || name.startsWith('.')) continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(await readFile(join(root, s, folder, name), 'utf8'));
        } catch {
          continue;
        }
        if (isResultRecord(parsed) && parsed.result.status !== 'interrupted') found.push(parsed);
      }
    }
  }
  return found.sort((a, b) =>
    a.folder !== b.folder
      ? a.folder < b.folder
        ? -1
        : 1
      : a.result.index - b.result.index || (a.result.trial ?? 1) - (b.result.trial ?? 1),
  );
}
