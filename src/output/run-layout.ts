import { join } from 'node:path';

/**
 * The one place output paths are made. `runDir` is the `--output` folder: Sensei's layout
 * (package era) lives under it, simsim's own files sit beside.
 *
 * <runDir>/conversation_outputs/<folder>/<serial>/<i>_<folder>_<serial>.yml  (+ .csv for exports)
 * <runDir>/conversation_outputs/<folder>/<serial>/<i>_<folder>_trial<t>_<serial>.yml  (trials 2..k)
 * <runDir>/reports/__stats_reports__/report_<serial>.yml
 * <runDir>/reports/__cost_reports__/cost_report_<serial>.csv                  (the LLM layer's)
 * <runDir>/run.json, conversations.jsonl, junit.xml
 * <runDir>/.simsim/results/<serial>.jsonl                                      (resume records, one line each)
 * <runDir>/.simsim/results/<serial>/<folder>/<i>.json, <i>_trial<t>.json       (resume records of older runs)
 * <runDir>/audio/<serial>/<folder>/<i>[_trial<t>]/<turn>-user.wav, <turn>-chatbot.wav (speech profiles)
 *
 * `<folder>` is the test name, or `<test_name>_<n>` for a second profile with the same test name
 * (see test-folders.ts).
 *
 * Trials: trial 1 (and a run without trials) keeps Sensei's names, so a run with trials holds
 * exactly the files of the same run without them, plus the later trials. A later trial puts
 * `trial<t>` between the test name and the serial: the name still starts with `<i>_` and ends with
 * `_<serial>.yml`, the two parts a reader of Sensei's names can split off.
 */
export const RUN_FILE_NAMES = {
  manifest: 'run.json',
  jsonl: 'conversations.jsonl',
  junit: 'junit.xml',
} as const;

export function conversationOutputsDir(runDir: string): string {
  return join(runDir, 'conversation_outputs');
}

export function senseiTestDir(runDir: string, folder: string, serial: string): string {
  return join(conversationOutputsDir(runDir), folder, serial);
}

/** A later trial's mark in file names; trial 1 and runs without trials have none. */
function trialMark(trial: number | undefined): string {
  return trial === undefined || trial <= 1 ? '' : `_trial${trial}`;
}

/**
 * A conversation's id in run.json, conversations.jsonl and the reports: `<folder>/<index>`, and
 * `<folder>/<index>#<trial>` when the run plays trials. Unique in a run: profile folder, plan
 * index and trial together name one conversation.
 */
export function conversationId(folder: string, index: number, trial?: number): string {
  return `${folder}/${index}${trial === undefined ? '' : `#${trial}`}`;
}

/** `<i>_<folder>_<serial>` (`<i>_<folder>_trial<t>_<serial>` for a later trial): the conversation's name in Sensei's files and reports. */
export function senseiConversationBase(folder: string, index: number, serial: string, trial?: number): string {
  return `${index}_${folder}${trialMark(trial)}_${serial}`;
}

export function senseiConversationFileName(folder: string, index: number, serial: string, trial?: number): string {
  return `${senseiConversationBase(folder, index, serial, trial)}.yml`;
}

export function senseiConversationYamlPath(
  runDir: string,
  folder: string,
  serial: string,
  index: number,
  trial?: number,
): string {
  return join(senseiTestDir(runDir, folder, serial), senseiConversationFileName(folder, index, serial, trial));
}

export function senseiAnsweredCsvPath(
  runDir: string,
  folder: string,
  serial: string,
  index: number,
  trial?: number,
): string {
  return join(senseiTestDir(runDir, folder, serial), `${senseiConversationBase(folder, index, serial, trial)}.csv`);
}

/** Marks which profile owns a test folder, so two profiles with one test name never share it. */
export function testFolderOwnerPath(runDir: string, folder: string, serial: string): string {
  return join(senseiTestDir(runDir, folder, serial), '.simsim-profile');
}

export function statsReportPath(runDir: string, serial: string): string {
  return join(runDir, 'reports', '__stats_reports__', `report_${serial}.yml`);
}

export function costReportPath(runDir: string, serial: string): string {
  return join(runDir, 'reports', '__cost_reports__', `cost_report_${serial}.csv`);
}

/** The log of the chatbot server a run's `server:` block started; a merged run keeps one per shard (`shard`: `i-of-n`). */
export function serverLogPath(runDir: string, serial: string, shard?: string): string {
  return join(runDir, shard === undefined ? `server_${serial}.log` : `server_${serial}.shard-${shard}.log`);
}

export function runManifestPath(runDir: string): string {
  return join(runDir, RUN_FILE_NAMES.manifest);
}

export function conversationsJsonlPath(runDir: string): string {
  return join(runDir, RUN_FILE_NAMES.jsonl);
}

export function junitPath(runDir: string): string {
  return join(runDir, RUN_FILE_NAMES.junit);
}

/** Where the audio of one speech conversation is kept. */
export function conversationAudioDir(
  runDir: string,
  serial: string,
  folder: string,
  index: number,
  trial?: number,
): string {
  return join(runDir, 'audio', serial, folder, `${index}${trialMark(trial)}`);
}

export function resultRecordsDir(runDir: string): string {
  return join(runDir, '.simsim', 'results');
}

/** The resume records of a run, one line per finished conversation (result-journal.ts). */
export function resultJournalPath(runDir: string, serial: string): string {
  return join(resultRecordsDir(runDir), `${serial}.jsonl`);
}

/** A resume record file of its own, as runs wrote them before the journal (still read). */
export function resultRecordPath(
  runDir: string,
  serial: string,
  folder: string,
  index: number,
  trial?: number,
): string {
  return join(resultRecordsDir(runDir), serial, folder, `${index}${trialMark(trial)}.json`);
}

/** Written when a run starts (serial, seed), so an interrupted or killed run can be resumed. */
export function runStartPath(runDir: string, serial: string): string {
  return join(runDir, '.simsim', 'runs', `${serial}.json`);
}

export function runStartsDir(runDir: string): string {
  return join(runDir, '.simsim', 'runs');
}
