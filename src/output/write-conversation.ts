import type { ConversationResult } from '../conversation/types.ts';
import { answeredCsv, exportsAnsweredCsv } from './answered-csv.ts';
import { writeSmallFileAtomic } from '../base/atomic-write.ts';
import { redactDeep, redactText } from '../base/redaction.ts';
import { runRelative } from './relative-path.ts';
import { RESULT_RECORD_FORMAT, type ResultRecord } from './result-record.ts';
import { resultJournalPath, senseiAnsweredCsvPath, senseiConversationYamlPath } from './run-layout.ts';
import { appendRecordLine } from './result-journal.ts';
import { senseiConversationYaml } from './sensei-conversation-yaml.ts';
import { claimTestFolder } from './test-folders.ts';
import { formatFilePath, formatText } from './formats/format-files.ts';
import type { OutputFormat } from '../model/run-settings.ts';

export interface WriteOptions {
  /** Secret values to scrub from every file (defence in depth; results should hold none). */
  readonly secrets?: readonly string[] | undefined;
  /** The test folder claimed for this profile at run start (saves re-reading the claims). */
  readonly folder?: string | undefined;
  /** Files in other formats (`--format`), written beside the Sensei YAML. */
  readonly formats?: readonly OutputFormat[] | undefined;
}

export interface WrittenConversation {
  readonly folder: string;
  /** Absolute paths of the conversation's own files; its resume record went to the run's journal. */
  readonly files: readonly string[];
}

/**
 * Writes one finished conversation as soon as it ends: Sensei's three-document YAML, the
 * all_answered CSV when exported, its files in the `--format`s asked for, then its resume record
 * (a line of the run's journal). Each file is written atomically and the record last, so a killed
 * run leaves every recorded conversation complete.
 */
export async function writeConversation(
  runDir: string,
  result: ConversationResult,
  options: WriteOptions = {},
): Promise<WrittenConversation> {
  const secrets = options.secrets ?? [];
  const clean = redactDeep(result, secrets);
  const folder = options.folder ?? (await claimTestFolder(runDir, clean.serial, clean.testName, clean.profileFile));
  // Every text is made before any file is written: one that fails to render leaves no write under way.
  const texts: [path: string, text: string][] = [
    [senseiConversationYamlPath(runDir, folder, clean.serial, clean.index, clean.trial), senseiConversationYaml(clean)],
  ];
  if (exportsAnsweredCsv(clean) && clean.answered)
    texts.push([
      senseiAnsweredCsvPath(runDir, folder, clean.serial, clean.index, clean.trial),
      answeredCsv(clean.answered),
    ]);
  for (const format of options.formats ?? [])
    texts.push([formatFilePath(runDir, folder, clean, format), formatText(clean, format)]);
  const files = texts.map(([path]) => path);
  const record: ResultRecord = {
    format: RESULT_RECORD_FORMAT,
    folder,
    files: files.map((f) => runRelative(runDir, f)),
    result: clean,
  };
  const line = redactText(JSON.stringify(record), secrets);
  const written = Promise.all(texts.map(([path, text]) => writeSmallFileAtomic(path, redactText(text, secrets))));
  await inCallOrder(resultJournalPath(runDir, clean.serial), written, line);
  return { folder, files };
}

/** Per journal: the record appended last, or about to be (settled either way). */
const lastRecord = new Map<string, Promise<void>>();

/**
 * Appends a conversation's record once its files are on disk and the records of the conversations
 * written before it are in: the journal lists them in the order they ended, as when each write
 * finished before the next began. A conversation whose files failed gets no record (it runs again
 * on resume) and holds back no other.
 */
async function inCallOrder(journal: string, written: Promise<unknown>, line: string): Promise<void> {
  const before = lastRecord.get(journal);
  const appended = (async () => {
    try {
      await written;
    } finally {
      if (before !== undefined) await before;
    }
    appendRecordLine(journal, line);
  })();
  const settled = appended.then(
    () => undefined,
    () => undefined,
  );
  lastRecord.set(journal, settled);
  void settled.then(() => {
    if (lastRecord.get(journal) === settled) lastRecord.delete(journal);
  });
  await appended;
}
