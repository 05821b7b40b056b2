import type { ConversationResult } from '../../conversation/types.ts';
import type { OutputFormat } from '../../model/run-settings.ts';
import { senseiConversationBase, senseiTestDir } from '../run-layout.ts';
import { join } from 'node:path';
import { azureChatJson } from './azure-chat.ts';
import { evalSetJsonl } from './eval-set.ts';
import { messagesCsv } from './messages-csv.ts';

/** How each format's file of one conversation ends, after the conversation's Sensei name. */
const SUFFIX: Readonly<Record<OutputFormat, string>> = {
  azure: '.azure.json',
  'eval-set': '.eval_set.jsonl',
  csv: '.messages.csv',
};

/** The run-wide file of a format that has one (every conversation, in run order), in the run folder. */
const RUN_FILES: Readonly<Partial<Record<OutputFormat, string>>> = {
  'eval-set': 'eval_set.jsonl',
  csv: 'messages.csv',
};

/** `<runDir>/eval_set.jsonl`, `<runDir>/messages.csv`; undefined for a format without a run-wide file (azure). */
export function runFormatPath(runDir: string, format: OutputFormat): string | undefined {
  const name = RUN_FILES[format];
  return name === undefined ? undefined : join(runDir, name);
}

/**
 * `<runDir>/conversation_outputs/<folder>/<serial>/<i>_<folder>_<serial>.azure.json` (and
 * `.eval_set.jsonl`, `.messages.csv`): beside the conversation's Sensei YAML, written as it ends.
 */
export function formatFilePath(
  runDir: string,
  folder: string,
  result: Pick<ConversationResult, 'serial' | 'index' | 'trial'>,
  format: OutputFormat,
): string {
  return join(
    senseiTestDir(runDir, folder, result.serial),
    `${senseiConversationBase(folder, result.index, result.serial, result.trial)}${SUFFIX[format]}`,
  );
}

/** One conversation in a format; the test case it came from gives the tag, template parameters and citations. */
export function formatText(result: ConversationResult, format: OutputFormat): string {
  const testCase = result.testCase;
  switch (format) {
    case 'azure':
      return azureChatJson(result, {
        templateParameters: testCase?.templateParameters,
        citations: testCase?.citations,
      });
    case 'eval-set':
      return evalSetJsonl(result, { tag: testCase?.tag });
    case 'csv':
      return messagesCsv([result]);
  }
}

/** What the run-wide file of a format starts with (the CSV header). */
export function runFormatHead(format: OutputFormat): string {
  return format === 'csv' ? messagesCsv([]) : '';
}

/** One conversation's piece of the run-wide file of a format, appended as it ends. */
export function runFormatPiece(result: ConversationResult, format: OutputFormat): string {
  switch (format) {
    case 'azure':
      return '';
    case 'eval-set':
      return evalSetJsonl(result, { tag: result.testCase?.tag });
    case 'csv':
      return messagesCsv([result], { header: false });
  }
}
