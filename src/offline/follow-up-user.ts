import type { SimulatedUser, UserTurnReply, UserTurnRequest } from '../conversation/ports.ts';
import type { Turn } from '../conversation/types.ts';
import { pick, type RandomSource } from '../base/text/random-source.ts';
import { contentWords, fold, sentences, STOPWORDS } from './words.ts';

export interface FollowUpPersona {
  /** The first goal: what the user opens with when no first message was sent for it. */
  readonly goals: readonly string[];
  /** What the chatbot under test does: sentences about it are preferred as topics. */
  readonly agentDescription: string | undefined;
  readonly random: RandomSource;
}

const TEMPLATES: readonly ((topic: string) => string)[] = [
  (topic) => `You mentioned ${topic}. Can you tell me more about that?`,
  (topic) => `What else should I know about ${topic}?`,
  (topic) => `Could you explain ${topic} in more detail?`,
  (topic) => `How does ${topic} work in practice?`,
  (topic) => `Is there anything I should watch out for with ${topic}?`,
];
const NOTHING_TO_FOLLOW = 'Could you say a bit more about that?';
/** The longest topic quoted back, in words. */
const TOPIC_WORDS = 4;

/** English words that join or qualify rather than name something: a topic never starts, ends or runs through one. */
const NOT_TOPIC = new Set(
  `each every within once then after before under over into onto only also still always never other same such both
  either own per via while until since because though although whether about above below between without
  is are was be can cannot could will would should may might must works work turned turn answered answer supports
  stays stay choose chosen open opens need needs sent send used use uses get gets got keep keeps available
  billed found find make makes made give gives given take takes taken see look help helps let lets go goes say says
  said mean means come comes sure ok okay first last next`
    .split(/\s+/)
    .filter(Boolean),
);

const wordsOf = (text: string) => text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
const isContent = (word: string) => {
  const folded = fold(word);
  return folded.length > 2 && !STOPWORDS.has(folded) && !NOT_TOPIC.has(folded) && !/^\d+$/.test(folded);
};

/** Runs of content words, as written, that no punctuation or short word interrupts (at most TOPIC_WORDS each). */
function phrasesOf(text: string): string[] {
  const phrases: string[] = [];
  for (const clause of text.split(/[.,;:!?()[\]{}"“”]+|\s[-–—]\s/u)) {
    let run: string[] = [];
    for (const word of [...wordsOf(clause), '']) {
      if (word !== '' && isContent(word)) run.push(word);
      else {
        if (run.length > 0) phrases.push(run.slice(0, TOPIC_WORDS).join(' '));
        run = [];
      }
    }
  }
  return phrases;
}

/** What the user read of the chatbot's last reply: its text and what its tools returned. */
function lastReplyTexts(history: readonly Turn[]): string[] {
  const last = [...history].reverse().find((t) => t.role === 'assistant');
  if (last === undefined || last.error) return [];
  return [last.text, ...(last.toolOutputs ?? [])];
}

/**
 * The offline user of follow-up conversations (Databricks-style test cases): after the first
 * message, every message asks about something the chatbot just said, or that its tools returned.
 * It quotes back the phrase of the reply (a run of content words) that shares most with the agent
 * description and has words it has not asked about yet, in one of a few seeded English templates. It never
 * says goodbye: the conversation ends at its message limit or another ending.
 */
export function createFollowUpUser(persona: FollowUpPersona): SimulatedUser {
  const described = new Set(contentWords(persona.agentDescription ?? ''));
  const used = new Set<string>();
  const turn = (request: UserTurnRequest): UserTurnReply => {
    if (request.userTurns === 0) return { text: persona.goals[0] ?? NOTHING_TO_FOLLOW, done: false };
    // Questions of the chatbot are not topics; the phrase sharing most with the agent description wins.
    const phrases = lastReplyTexts(request.history)
      .flatMap((text) => sentences(text).filter((sentence) => !sentence.endsWith('?')))
      .flatMap(phrasesOf)
      .map((phrase, order) => {
        const content = contentWords(phrase);
        const fresh = content.filter((w) => !used.has(w)).length;
        return { phrase, order, fresh, score: content.filter((w) => described.has(w)).length * 3 + fresh };
      })
      .filter((p) => p.fresh > 0)
      .sort((a, b) => b.score - a.score || b.phrase.length - a.phrase.length || a.order - b.order);
    const best = phrases[0];
    if (best !== undefined) {
      for (const word of contentWords(best.phrase)) used.add(word);
      return { text: pick(persona.random, TEMPLATES)(best.phrase), done: false };
    }
    return { text: NOTHING_TO_FOLLOW, done: false };
  };
  return {
    next(request) {
      if (request.signal?.aborted) return Promise.reject(request.signal.reason as Error);
      return Promise.resolve(turn(request));
    },
  };
}
