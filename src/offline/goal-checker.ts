import { distance } from 'fastest-levenshtein';
import type { GoalCheck, Turn } from '../conversation/types.ts';
import { goalKey } from '../conversation/goal-style.ts';
import type { GoalChecker } from '../conversation/ports.ts';
import { seenText } from '../conversation/seen-text.ts';
import { answerNeed, hasNeededValue, subjectWords } from './goal-kind.ts';
import { contentWords, fold, sentences } from './words.ts';

/** Share of a goal's subject words a chatbot sentence must contain to count as an answer. */
const MATCH_SHARE = 0.75;
/** Share of a goal's subject words a user message must contain to count as asking for it. */
const MENTION_SHARE = 0.5;

/** Topic words that, next to the needed value, show a sentence answers a price/time question. */
const NEED_TOPICS: Readonly<Record<string, RegExp>> = {
  clock:
    /\b(open|opens|opening|close|closes|closing|hours|abierto|abre|abrimos|cierra|horario|ouvert|ouvre|ferme|horaires|geoffnet|offnen|schliessen|aperto|apre|chiude|orari|aberto|fecha)\b/,
  count: /$^/,
};

/**
 * The offline all_answered register: for each goal, whether some chatbot sentence answers,
 * confirms or provides it, and that sentence as evidence. Deterministic and LLM-free.
 *
 * A goal that asks "how much" needs a price in the sentence, "how long" a duration, "what time"
 * or "opening hours" a clock time, "how many" a number. Any other goal needs at least 75% of its
 * subject words (content words, plurals folded, number words as digits, question framing like
 * "what types of ... do you serve" left out) in one chatbot sentence, or in one whole reply.
 * Only replies after the user first mentioned the goal count, when the user did; fallback and
 * error turns never count.
 *
 * Words match when equal after folding, or within one edit (five letters or more) or two (eight
 * or more), so "margarita" meets "margherita"; numbers must be equal. A chatbot sentence that is
 * itself a question never answers a goal that needs no value.
 *
 * Limits: it reads words, not meaning. A reply that repeats the user's words while refusing
 * ("we have no small margarita pizza") counts as an answer; a paraphrase with other words
 * ("a soda" for "Coca-Cola") does not; a price anywhere after a "how much" goal answers it.
 */
export function checkGoals(goals: readonly string[], history: readonly Turn[]): GoalCheck[] {
  return goals.map((goal) => {
    const evidence = findEvidence(goal, history);
    return { goal, key: goalKey(goal), answered: evidence !== null, evidence };
  });
}

export function createOfflineGoalChecker(): GoalChecker {
  return {
    check: (goals, history) => Promise.resolve(checkGoals(goals, history)),
  };
}

function findEvidence(goal: string, history: readonly Turn[]): string | null {
  const subject = subjectWords(goal);
  const need = answerNeed(goal);
  const firstMention = history.findIndex(
    (turn) => turn.role === 'user' && mentions(goal, subject, turn.intended ?? turn.text),
  );
  const from = firstMention === -1 ? 0 : firstMention + 1;
  for (const turn of history.slice(from)) {
    if (turn.role !== 'assistant' || turn.error !== undefined || turn.fallback === true) continue;
    // Pages and PDFs the chatbot sent answer goals too: the user read them.
    const text = seenText(turn);
    // A goal with no subject words ("hello") is answered by any reply once the user said it.
    if (subject.length === 0 && need === undefined) return firstMention === -1 ? null : (sentences(text)[0] ?? null);
    for (const sentence of sentences(text)) {
      if (answers(sentence, subject, need)) return sentence;
    }
    const statements = sentences(text)
      .filter((sentence) => !/[?？]\s*$/.test(sentence))
      .join(' ');
    if (need === undefined && subject.length > 1 && share(subject, statements) >= MATCH_SHARE) return statements;
  }
  return null;
}

function answers(sentence: string, subject: readonly string[], need: ReturnType<typeof answerNeed>): boolean {
  // A question back ("Which pizza would you like?") repeats the user's words without answering them.
  if (need === undefined)
    return subject.length > 0 && !/[?？]\s*$/.test(sentence) && share(subject, sentence) >= MATCH_SHARE;
  if (!hasNeededValue(need, sentence)) return false;
  if (need === 'price' || need === 'duration') return true;
  const topic = NEED_TOPICS[need];
  return share(subject, sentence) > 0 || (topic !== undefined && topic.test(fold(sentence)));
}

function mentions(goal: string, subject: readonly string[], text: string): boolean {
  if (subject.length > 0) return share(subject, text) >= MENTION_SHARE;
  return fold(text).includes(fold(goal).trim());
}

/** Share of `subject` words present in `text` (0 when there are none), allowing small spelling differences. */
function share(subject: readonly string[], text: string): number {
  if (subject.length === 0) return 0;
  const present = [...new Set(contentWords(text))];
  return subject.filter((word) => present.some((other) => sameWord(word, other))).length / subject.length;
}

/** Containers a chatbot may name differently from the user ("2 cans of water" -> "2 bottles of water"). */
const CONTAINERS = new Set([
  'can',
  'bottle',
  'glas',
  'glass',
  'cup',
  'pint',
  'lata',
  'botella',
  'vaso',
  'canette',
  'bouteille',
  'verre',
  'dose',
  'flasche',
  'lattina',
  'bottiglia',
  'bicchiere',
  'garrafa',
  'copo',
]);

/** Equal, or close enough for a spelling variant or a typo ("margarita"/"margherita"); numbers must be equal. */
function sameWord(a: string, b: string): boolean {
  if (a === b || (CONTAINERS.has(a) && CONTAINERS.has(b))) return true;
  if (/\d/.test(a) || /\d/.test(b)) return false;
  const length = Math.min(a.length, b.length);
  const allowed = length >= 8 ? 2 : length >= 5 ? 1 : 0;
  return allowed > 0 && Math.abs(a.length - b.length) <= allowed && distance(a, b) <= allowed;
}
