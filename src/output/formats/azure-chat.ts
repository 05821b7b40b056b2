import type { Citation } from '../../cases/case-spec.ts';
import type { ConversationResult, Turn } from '../../conversation/types.ts';
import { pathSegment } from '../path-segment.ts';

/** One message of Azure AI's simulator chat format. */
export interface AzureChatMessage {
  readonly content: string;
  readonly role: 'user' | 'assistant';
  /** 0-based position in the conversation, counting both sides (Azure's `turn_number`). */
  readonly turn_number: number;
  readonly template_parameters: Readonly<Record<string, unknown>>;
  readonly context: { readonly citations: readonly Citation[] };
}

export interface AzureChatConversation {
  readonly messages: readonly AzureChatMessage[];
}

/** What the conversation's test case adds to every message (from `CaseSpec`). */
export interface AzureCaseInfo {
  readonly templateParameters?: Readonly<Record<string, unknown>> | undefined;
  readonly citations?: readonly Citation[] | undefined;
}

const content = (turn: Turn): string => (turn.error ? `Error: ${turn.error.message}` : turn.text);

/**
 * `--format azure`: the conversation as Azure AI's simulator writes it, every message with the
 * case's template parameters and its metadata as citations, ready for evaluators that read that
 * chat format (groundedness, relevance, retrieval). A chatbot failure is an assistant message
 * `Error: ...`, as in every other output.
 */
export function azureChatConversation(result: ConversationResult, info: AzureCaseInfo = {}): AzureChatConversation {
  const templateParameters = info.templateParameters ?? {};
  const citations = info.citations ?? [];
  return {
    messages: result.turns.map((turn, index) => ({
      content: content(turn),
      role: turn.role,
      turn_number: index,
      template_parameters: templateParameters,
      context: { citations },
    })),
  };
}

export function azureChatJson(result: ConversationResult, info: AzureCaseInfo = {}): string {
  return `${JSON.stringify(azureChatConversation(result, info), null, 2)}\n`;
}

/** `<index>_<test name>.json`: one file per conversation, named like Sensei's transcripts. */
export function azureChatFileName(result: ConversationResult): string {
  return `${result.index}_${pathSegment(result.testName)}.json`;
}
