import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isChatbotFailure } from './conversation-verdict.ts';
import { isResultRecord, type ResultRecord } from './result-record.ts';
import { eachRecordLine, readRecordLine, type LineRange } from './result-journal.ts';
import { resultJournalPath, resultRecordsDir } from './run-layout.ts';

async function entries(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}

/**
 * The conversations of a run folder that finished (for `--resume`): every complete resume record,
 * optionally of one serial. Interrupted conversations are left out so a resume runs them again;
 * unreadable or half-written records are skipped the same way.
 */
export async function listFinishedConversations(runDir: string, serial?: string): Promise<ResultRecord[]> {
  const found = await eachFinished(runDir, serial, (record) => record);
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
  /** Its resume record (a file, or the run's journal), read again when the reports need it. */
  readonly recordPath: string;
  /** Where its line is in the journal; undefined for a record file of its own. */
  readonly range?: LineRange | undefined;
}

/** A resume record read again from where a listing found it; undefined when it is no longer readable. */
export async function readResultRecord(recordPath: string, range?: LineRange): Promise<ResultRecord | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(
      range === undefined ? await readFile(recordPath, 'utf8') : await readRecordLine(recordPath, range),
    );
  } catch {
    return undefined;
  }
  return isResultRecord(parsed) ? parsed : undefined;
}

/** `listFinishedConversations` keeping only references: a resume of a long run holds no transcripts. */
export async function listFinishedRefs(runDir: string, serial: string): Promise<FinishedRef[]> {
  return eachFinished(runDir, serial, (record, recordPath, range): FinishedRef => ({
    folder: record.folder,
    index: record.result.index,
    trial: record.result.trial,
    failed: isChatbotFailure(record.result),
    recordPath,
    range,
  }));
}

/** One conversation of a run: a later record of it (a resumed run's) replaces an earlier one. */
function conversationKey(record: ResultRecord): string {
  return `${record.folder}\u0000${record.result.index}\u0000${record.result.trial ?? ''}`;
}

/**
 * What `pick` makes of every finished conversation's record, of one serial or of all: the record
 * files of runs written before the journal first, then the journal's lines in the order written.
 * The last record of a conversation counts; an interrupted one is left out (a resume runs it again).
 * Only what `pick` returns is kept, so a listing of references holds no transcripts.
 */
async function eachFinished<T>(
  runDir: string,
  serial: string | undefined,
  pick: (record: ResultRecord, path: string, range: LineRange | undefined) => T,
): Promise<T[]> {
  const root = resultRecordsDir(runDir);
  const serials =
    serial === undefined
      ? [
          ...new Set(
            (await entries(root))
              .filter((name) => !name.startsWith('.'))
              .map((name) => (name.endsWith('.jsonl') ? name.slice(0, -'.jsonl'.length) : name)),
          ),
        ]
      : [serial];
  const found: T[] = [];
  for (const s of serials) {
    const latest = new Map<string, T | undefined>();
    const take = (text: string, path: string, range?: LineRange) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return;
      }
      if (!isResultRecord(parsed)) return;
      const key = conversationKey(parsed);
      // Delete first: a later record puts the conversation where it ended last.
      latest.delete(key);
      if (parsed.result.status !== 'interrupted') latest.set(key, pick(parsed, path, range));
    };
    for (const folder of await entries(join(root, s))) {
      for (const name of await entries(join(root, s, folder))) {
        if (!name.endsWith('.json') || name.startsWith('.')) continue;
        const path = join(root, s, folder, name);
        let text: string;
        try {
          text = await readFile(path, 'utf8');
        } catch {
          continue;
        }
        take(text, path);
      }
    }
    const journal = resultJournalPath(runDir, s);
    await eachRecordLine(journal, (text, range) => take(text, journal, range));
    for (const value of latest.values()) if (value !== undefined) found.push(value);
  }
  return found;
}
