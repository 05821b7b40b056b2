/** The sections of a current profile that 2024-format keys move into. */
export type Section = 'user' | 'chatbot' | 'llm';

/** Top-level keys of the 2024 profile format, and the key of the current format each becomes. */
export const TOP_LEVEL_MOVES: Readonly<Record<string, { readonly section: Section; readonly key: string }>> = {
  role: { section: 'user', key: 'role' },
  context: { section: 'user', key: 'context' },
  language: { section: 'user', key: 'language' },
  ask_about: { section: 'user', key: 'goals' },
  fallback: { section: 'chatbot', key: 'fallback' },
  isstarter: { section: 'chatbot', key: 'is_starter' },
  is_starter: { section: 'chatbot', key: 'is_starter' },
  output: { section: 'chatbot', key: 'output' },
  temperature: { section: 'llm', key: 'temperature' },
};

/** Old names inside a section. */
export const SECTION_RENAMES: Readonly<Record<Section, Readonly<Record<string, string>>>> = {
  user: { ask_about: 'goals' },
  chatbot: { isstarter: 'is_starter' },
  llm: {},
};

/** The old name of `conversation`, which was also written as a list of one-key maps. */
export const OLD_CONVERSATION = 'conversations';

/** What a 2024 variable `- drinks: [coke, water]` meant: every value, each conversation. */
export const BARE_LIST_FUNCTION = 'default()';

/** The variable type of a bare list: `int` or `float` when every item is one, else `string`. */
export function bareListType(items: readonly unknown[]): 'int' | 'float' | 'string' {
  const numbers = items.length > 0 && items.every((v) => typeof v === 'number');
  if (!numbers) return 'string';
  return items.every((v) => Number.isInteger(v)) ? 'int' : 'float';
}
