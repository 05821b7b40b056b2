import type { FileDiagnostics } from '../../yaml/file-diagnostics.ts';
import type { DocPath } from '../../yaml/source-file.ts';
import { asArray, asRecord, type Rec } from '../../base/access.ts';

/** Top-level keys of the 2024 profile format and where each one lives now. */
const MOVED_TOP_LEVEL: Record<
  string,
  { to: string; section: 'user' | 'chatbot' | 'llm' | 'conversation'; hint?: string }
> = {
  ask_about: {
    to: 'user.goals',
    section: 'user',
    hint: 'Move the items under `user:` as `goals:`. A 2024 variable `- drinks: [coke, water]` becomes `- drinks: {function: default(), type: string, data: [coke, water]}`.',
  },
  role: { to: 'user.role', section: 'user' },
  context: { to: 'user.context', section: 'user' },
  language: { to: 'user.language', section: 'user' },
  fallback: { to: 'chatbot.fallback', section: 'chatbot' },
  isstarter: { to: 'chatbot.is_starter', section: 'chatbot' },
  temperature: { to: 'llm.temperature', section: 'llm' },
  conversations: { to: 'conversation', section: 'conversation' },
};

const LIST_FORM_HINT =
  'Write one map: remove the `- ` in front of number, goal_style and interaction_style and indent them under `conversation:`.';

export interface LegacyResult {
  /** Paths whose schema errors the legacy diagnostics already explain. */
  readonly suppressed: (path: DocPath, keyword: string) => boolean;
}

/**
 * Keys that older Sensei formats used and the current loader ignores. Each gets an error that
 * says how to migrate, and the schema's less helpful errors for the same places are muted.
 */
export function checkLegacyKeys(profile: Rec, sink: FileDiagnostics): LegacyResult {
  const mutedKeys = new Set<string>();
  const mutedRequired = new Set<string>();
  const mutedTypes = new Set<string>();

  for (const [key, move] of Object.entries(MOVED_TOP_LEVEL)) {
    if (!(key in profile)) continue;
    mutedKeys.add(key);
    mutedRequired.add(move.section);
    let message = `\`${key}\` is a key of the 2024 profile format; it is now \`${move.to}\``;
    let hint = move.hint ?? `Move it to \`${move.to}\`.`;
    if (key === 'conversations' && asArray(profile[key])) {
      message = '`conversations` is the old name of `conversation`, and it must now be a map, not a list';
      hint = `Rename it to \`conversation:\`. ${LIST_FORM_HINT}`;
    } else if (key === 'conversations') {
      hint = 'Rename it to `conversation:`.';
    }
    sink.error('legacy-key', [key], message, { key: true, hint });
  }

  const user = asRecord(profile['user']);
  if (user && 'ask_about' in user) {
    mutedKeys.add('user.ask_about');
    mutedRequired.add('user.goals');
    sink.error('legacy-key', ['user', 'ask_about'], '`ask_about` is the old name of `user.goals`', {
      key: true,
      hint: 'Rename it to `goals:`.',
    });
  }
  const chatbot = asRecord(profile['chatbot']);
  if (chatbot && 'isstarter' in chatbot) {
    mutedKeys.add('chatbot.isstarter');
    sink.error('legacy-key', ['chatbot', 'isstarter'], '`isstarter` is the old name of `is_starter`', {
      key: true,
      hint: 'Rename it to `is_starter:`.',
    });
  }
  const conversation = asArray(profile['conversation']);
  if (conversation) {
    mutedTypes.add('conversation');
    sink.error(
      'legacy-key',
      ['conversation'],
      '`conversation` is a list of one-key maps (an older form); it must be a single map',
      { key: true, hint: LIST_FORM_HINT },
    );
  }

  const dotted = (path: DocPath) => path.join('.');
  return {
    suppressed: (path, keyword) => {
      const at = dotted(path);
      if (keyword === 'additionalProperties') return mutedKeys.has(at);
      if (keyword === 'required') return mutedRequired.has(at);
      return mutedTypes.has(at) || [...mutedTypes].some((t) => at.startsWith(`${t}.`));
    },
  };
}
