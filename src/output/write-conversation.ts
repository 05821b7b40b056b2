import type { ConversationResult } from '../conversation/types.ts';
import { answeredCsv, exportsAnsweredCsv } from './answered-csv.ts';
import { writeSmallFileAtomicSync } from '../base/atomic-write.ts';
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
  const files: string[] = [];

  const yamlPath = senseiConversationYamlPath(runDir, folder, clean.serial, clean.index, clean.trial);
  writeSmallFileAtomicSync(yamlPath, redactText(senseiConversationYaml(clean), secrets));
  files.push(yamlPath);

  if (exportsAnsweredCsv(clean) && clean.answered) {
    const csvPath = senseiAnsweredCsvPath(runDir, folder, clean.serial, clean.index, clean.trial);
    writeSmallFileAtomicSync(csvPath, redactText(answeredCsv(clean.answered), secrets));
    files.push(csvPath);
  }

  for (const format of options.formats ?? []) {
    const path = formatFilePath(runDir, folder, clean, format);
    writeSmallFileAtomicSync(path, redactText(formatText(clean, format), secrets));
    files.push(path);
  }

  const record: ResultRecord = {
    format: RESULT_RECORD_FORMAT,
    folder,
    files: files.map((f) => runRelative(runDir, f)),
    result: clean,
  };
  appendRecordLine(resultJournalPath(runDir, clean.serial), redactText(JSON.stringify(record), secrets));
  return { folder, files };
}
