import { basename } from 'node:path';
import { conversationNamespace, conversationVariables } from '../conversations/namespace.ts';
import type { Conversation } from '../conversations/read-conversation.ts';
import type { ConversationView } from '../helpers/host.ts';

export function viewOf(conversation: Conversation): ConversationView {
  const vars = conversationVariables(conversation);
  return {
    file: conversation.file,
    vars,
    ns: conversationNamespace(vars),
    facts: conversation.facts,
    label: basename(conversation.file),
  };
}
