import { pyStr } from '../expression/repr.ts';
import { PyDict, PyList, PyNamespace, type PyValue } from '../expression/values.ts';
import type { Conversation } from './read-conversation.ts';

/**
 * The variables a rule sees for one conversation, built exactly like Sensei's `Test.to_dict()`,
 * later keys overwriting earlier ones:
 * 1. every map item of `ask_about` (`- size: [small]` gives `size`);
 * 2. `conversation` items flattened: `conversation_<key>` and the bare key for a value, nested
 *    maps extending the prefix with only the leaf key bare (`conversation_goal_style_steps`, `steps`);
 * 3. `data_output` items flattened the same way with prefix `data_output_` (`price`, `data_output_price`);
 * 4. `interaction`, `chatbot_phrases` (the `Assistant` texts) and `user_phrases` (the `User` texts);
 * 5. `data_output`, the raw list.
 */
export function conversationVariables(conversation: Conversation): Map<string, PyValue> {
  const vars = new Map<string, PyValue>();
  const set = (key: PyValue, value: PyValue) => {
    // Only text keys can be named in an expression; Python's namespace would hold the rest unreachable.
    if (typeof key === 'string') vars.set(key, value);
  };
  const meta = conversation.meta;
  const askAbout = meta.get('ask_about');
  if (askAbout instanceof PyList) {
    for (const item of askAbout.items)
      if (item instanceof PyDict) for (const [key, value] of item.items()) set(key, value);
  }
  const flatten = (items: PyValue | undefined, prefix: string) => {
    if (!(items instanceof PyList)) return;
    const walk = (key: PyValue, value: PyValue, path: string) => {
      const name = pyStr(key);
      if (value instanceof PyDict) {
        for (const [k, v] of value.items()) walk(k, v, `${path}${name}_`);
        return;
      }
      vars.set(`${path}${name}`, value);
      set(key, value);
    };
    for (const item of items.items)
      if (item instanceof PyDict) for (const [key, value] of item.items()) walk(key, value, prefix);
  };
  flatten(meta.get('conversation'), 'conversation_');
  const dataOutput = meta.get('data_output');
  flatten(dataOutput, 'data_output_');
  const interaction = conversation.interaction;
  vars.set('interaction', interaction);
  vars.set('chatbot_phrases', new PyList(phrases(interaction, 'Assistant')));
  vars.set('user_phrases', new PyList(phrases(interaction, 'User')));
  vars.set('data_output', dataOutput instanceof PyList ? dataOutput : new PyList([]));
  return vars;
}

function phrases(interaction: PyList, speaker: string): PyValue[] {
  const out: PyValue[] = [];
  for (const step of interaction.items) {
    if (!(step instanceof PyDict)) continue;
    for (const [key, value] of step.items()) if (key === speaker) out.push(value);
  }
  return out;
}

/** `conv[i]` in a rule: a SimpleNamespace of the conversation's variables. */
export function conversationNamespace(vars: ReadonlyMap<string, PyValue>): PyNamespace {
  return new PyNamespace(vars);
}
