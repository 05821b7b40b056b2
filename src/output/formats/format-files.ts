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
export const RUN_FORMAT_FILES: Readonly<Partial<Record<OutputFormat, string>>> = {
  'eval-set': 'eval_set.jsonl',
  csv: 'messages.csv',
};

/**
 * `<runDir>/conversation_outputs/<folder>/<serial>/<i>_<folder>_<serial>.azure.json` (and
 * `.eval_set.jsonl`, `.messages.csv`): beside the conversation's Sensei YAML, written as it ends.
 */
export function formatFilePath(
  runDir: string,
  folder: string,
  result: Pick<ConversationResult, 'serial' | 'index'>,
  format: OutputFormat,
): string {
  return join(
    senseiTestDir(runDir, folder, result.serial),
    `${senseiConversationBase(folder, result.index, result.serial)}${SUFFIX[format]}`,
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

/** The run-wide file of a format (eval-set, csv), over every conversation of the run in order. */
export function runFormatText(results: readonly ConversationResult[], format: OutputFormat): string | undefined {
  switch (format) {
    case 'azure':
      return undefined;
    case 'eval-set':
      return results.map((r) => evalSetJsonl(r, { tag: r.testCase?.tag })).join('');
    case 'csv':
      return messagesCsv(results);
  }
}
