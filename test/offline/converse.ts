import type { TurnNote, SimulatedUser } from '../../src/conversation/ports.ts';
import type { Turn } from '../../src/conversation/types.ts';
import { FALLBACK, RuleBasedPizzaBot } from './rule-based-pizza-bot.ts';

/** A chatbot the test loop can talk to. */
export interface ScriptedBot {
  greeting(): string;
  reply(message: string): string;
}

export interface Transcript<B extends ScriptedBot = RuleBasedPizzaBot> {
  readonly turns: Turn[];
  readonly done: boolean;
  readonly bot: B;
}

export interface ConverseOptions {
  readonly steps?: number;
  readonly botStarts?: boolean;
  /** Turn index -> language note for that turn. */
  readonly languages?: Record<number, string>;
}

/**
 * A minimal stand-in for the conversation engine: alternates the offline user and the rule-based
 * bot, sends `rephrase` after a fallback and `change_topic` after three in a row, and applies
 * per-turn language notes from `languages` (turn index -> language).
 */
export function converse(user: SimulatedUser, options?: ConverseOptions): Promise<Transcript>;
export function converse<B extends ScriptedBot>(
  user: SimulatedUser,
  options: ConverseOptions,
  bot: B,
  fallbackText: string,
): Promise<Transcript<B>>;
export async function converse(
  user: SimulatedUser,
  options: ConverseOptions = {},
  bot: ScriptedBot = new RuleBasedPizzaBot(),
  fallbackText = FALLBACK,
): Promise<Transcript<ScriptedBot>> {
  const turns: Turn[] = [];
  const at = '2026-01-01T00:00:00.000Z';
  if (options.botStarts) turns.push({ role: 'assistant', text: bot.greeting(), at });
  let fallbacks = 0;
  for (let step = 0; step < (options.steps ?? 12); step++) {
    const notes: TurnNote[] = [];
    if (fallbacks >= 3) {
      notes.push({ kind: 'change_topic' });
      fallbacks = 0;
    } else if (fallbacks > 0) notes.push({ kind: 'rephrase' });
    const language = options.languages?.[step];
    if (language) notes.push({ kind: 'language', language });
    const reply = await user.next({ history: turns, userTurns: step, notes });
    turns.push({ role: 'user', text: reply.text, intended: reply.intended, language, at });
    if (reply.done) return { turns, done: true, bot };
    const answer = bot.reply(reply.intended ?? reply.text);
    const fallback = answer === fallbackText;
    fallbacks = fallback ? fallbacks + 1 : 0;
    turns.push({ role: 'assistant', text: answer, fallback, at });
  }
  return { turns, done: false, bot };
}

export function dialogue(transcript: Transcript<ScriptedBot>): string {
  return transcript.turns.map((t) => `${t.role === 'user' ? 'User' : 'Bot '}: ${t.text}`).join('\n');
}
