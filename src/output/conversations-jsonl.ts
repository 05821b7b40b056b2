import type { ConversationResult } from '../conversation/types.ts';
import { seenText } from '../conversation/seen-text.ts';
import { dataOutputValue } from './data-output.ts';
import { testCaseRecord } from './test-case-record.ts';
import { verdictRecord } from './verdict-record.ts';

/**
 * One JSON line per conversation in chat format (`messages` of `role`/`content`), for
 * evaluation and fine-tuning tools, with the run metadata and the extracted outputs beside it.
 */
export interface JsonlEntry {
  readonly result: ConversationResult;
  /** The Sensei YAML of the conversation, relative to the run folder. */
  readonly file: string;
}

export function conversationJsonLine({ result, file }: JsonlEntry): string {
  const line = {
    id: result.id,
    test_name: result.testName,
    profile: result.profileFile,
    serial: result.serial,
    index: result.index,
    ...(result.trial === undefined ? {} : { trial: result.trial }),
    file,
    status: result.status,
    stop_reason: result.stopReason,
    stop_detail: result.stopDetail,
    ...verdictRecord(result),
    ...(result.simulatedUser === undefined ? {} : { simulated_user: result.simulatedUser }),
    // Only role and content: chat-format readers (fine-tuning validators) reject other keys.
    // An assistant message is what the user saw: the reply, then a `[link: …]`, `[pdf: …]`, `[image: …]` line per part.
    messages: result.turns.map((turn) => ({
      role: turn.role,
      content: turn.error ? `Error: ${turn.error.message}` : seenText(turn),
    })),
    turn_details: result.turns.map((turn) => ({
      at: turn.at,
      ...(turn.responseSeconds === undefined ? {} : { response_seconds: turn.responseSeconds }),
      ...(turn.error ? { error: turn.error } : {}),
      ...(turn.fallback === undefined ? {} : { fallback: turn.fallback }),
      ...(turn.intended === undefined ? {} : { intended: turn.intended }),
      ...(turn.language === undefined ? {} : { language: turn.language }),
      ...(turn.messages === undefined ? {} : { messages: turn.messages }),
      ...(turn.parts === undefined ? {} : { parts: turn.parts }),
      ...(turn.button === undefined ? {} : { button: turn.button }),
      ...(turn.speech === undefined ? {} : { speech: turn.speech }),
      ...(turn.toolOutputs === undefined ? {} : { tool_outputs: turn.toolOutputs }),
      ...(turn.replay === undefined ? {} : { replay: turn.replay }),
    })),
    outputs: Object.fromEntries(result.outputs.map((o) => [o.name, dataOutputValue(o)])),
    output_status: Object.fromEntries(result.outputs.map((o) => [o.name, o.status])),
    errors: result.errors,
    simulator_issues: result.simulatorIssues,
    metadata: {
      language: result.metadata.language,
      context: result.metadata.context ?? null,
      ask_about: result.metadata.askAbout,
      interaction_styles: result.metadata.interactionStyles,
      number: result.metadata.number,
      goal_style: result.metadata.goalStyle,
      seed: result.seed,
    },
    answered: result.answered ?? null,
    ...(result.testCase === undefined ? {} : { test_case: testCaseRecord(result) }),
    timing: result.timing,
    cost: result.cost,
  };
  return JSON.stringify(line);
}
