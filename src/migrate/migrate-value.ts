import {
  BARE_LIST_FUNCTION,
  bareListType,
  OLD_CONVERSATION,
  SECTION_RENAMES,
  TOP_LEVEL_MOVES,
  type Section,
} from './legacy-format.ts';

type Rec = Record<string, unknown>;
const isRecord = (value: unknown): value is Rec => typeof value === 'object' && value !== null && !Array.isArray(value);

/** True when a goals list holds a 2024 variable: a one-key map whose value is a list. */
function hasBareListVariable(goals: unknown): boolean {
  return (
    Array.isArray(goals) &&
    goals.some((g) => isRecord(g) && Object.keys(g).length === 1 && Array.isArray(Object.values(g)[0]))
  );
}

/** Whether a profile (its plain value) uses any key or form of the 2024 format. */
export function isLegacyProfile(profile: Rec): boolean {
  if (Object.keys(profile).some((k) => k in TOP_LEVEL_MOVES || k === OLD_CONVERSATION)) return true;
  if (Array.isArray(profile['conversation'])) return true;
  const user = isRecord(profile['user']) ? profile['user'] : undefined;
  const chatbot = isRecord(profile['chatbot']) ? profile['chatbot'] : undefined;
  if (user && ('ask_about' in user || hasBareListVariable(user['goals']))) return true;
  return chatbot !== undefined && 'isstarter' in chatbot;
}

function wrapVariables(goals: unknown): unknown {
  if (!Array.isArray(goals)) return goals;
  return (goals as unknown[]).map((g): unknown => {
    if (!isRecord(g) || Object.keys(g).length !== 1) return g;
    const [name, data] = Object.entries(g)[0] ?? [];
    if (name === undefined || !Array.isArray(data)) return g;
    return { [name]: { function: BARE_LIST_FUNCTION, type: bareListType(data), data } };
  });
}

/**
 * The meaning of the rewrite, on plain values: what the migrated file must read as. `migrate`
 * checks its text rewrite against this, so a rewrite that would change a value is refused.
 */
export function migrateProfileValue(profile: Rec): Rec {
  const out: Rec = {};
  const sections: Partial<Record<Section, Rec>> = {};
  const section = (name: Section): Rec => {
    if (sections[name] === undefined) {
      const existing = profile[name];
      sections[name] = isRecord(existing) ? { ...existing } : {};
      out[name] = sections[name];
    }
    return sections[name];
  };
  for (const [key, value] of Object.entries(profile)) {
    const move = TOP_LEVEL_MOVES[key];
    if (move !== undefined) section(move.section)[move.key] = value;
    else if ((key === 'user' || key === 'chatbot' || key === 'llm') && isRecord(value)) section(key);
    else if (key === OLD_CONVERSATION) out['conversation'] = value;
    else out[key] = value;
  }
  for (const name of ['user', 'chatbot', 'llm'] as const) {
    const map = sections[name];
    if (map === undefined) continue;
    for (const [from, to] of Object.entries(SECTION_RENAMES[name])) {
      if (from in map) {
        map[to] = map[from];
        delete map[from];
      }
    }
  }
  if (sections.user !== undefined && 'goals' in sections.user)
    sections.user['goals'] = wrapVariables(sections.user['goals']);
  if (sections.chatbot !== undefined && !('output' in sections.chatbot)) sections.chatbot['output'] = [];
  const conversation = out['conversation'];
  if (Array.isArray(conversation)) out['conversation'] = Object.assign({}, ...conversation.filter(isRecord)) as Rec;
  return out;
}
