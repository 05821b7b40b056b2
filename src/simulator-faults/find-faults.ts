import { GOAL_STOP_REASONS, type ConversationResult } from '../conversation/types.ts';
import { goalStyleOf } from '../styles/goal/index.ts';
import { foldText, goalValuesOf, mentionsValue, type GoalValue } from './goal-values.ts';
import { detectLanguages, languageMisses, type LanguageDetector } from './language-check.ts';
import type { SimulatorFault } from './types.ts';

export interface FaultCheckOptions {
  /** The language detector (default: tinyld's). */
  readonly detect?: LanguageDetector | undefined;
}

/**
 * simsim's offline user writes its own frames in the language a turn asks for, but the goal
 * sentences it inserts are the profile's words, which it cannot translate ("¿How long the
 * delivery takes?"). Its turns would read as a language switch not followed, which says nothing
 * about the user a run is testing with, so the language check skips them.
 */
export function isOfflineUser(result: Pick<ConversationResult, 'simulatedUser'>): boolean {
  return result.simulatedUser === 'offline' || result.simulatedUser?.startsWith('offline:') === true;
}

const valueText = (v: GoalValue) =>
  `${v.variable} = ${typeof v.value === 'string' ? JSON.stringify(v.value) : String(v.value)}`;

function userMessages(result: ConversationResult): string[] {
  // What the user meant: simsim's own typos never touch values, but the check should not depend on that.
  return result.turns
    .filter((t) => t.role === 'user')
    .flatMap((t) => (t.intended === undefined ? [t.text] : [t.text, t.intended]));
}

/** How many messages the goal style allowed: steps, or the all_answered limit. */
function goalStyleEnd(
  result: ConversationResult,
): { readonly messages: number; readonly kind: 'steps' | 'all_answered' | 'until' } | undefined {
  const style = goalStyleOf(result.metadata.goalStyle);
  if (style.kind === 'steps') return { messages: style.steps, kind: 'steps' };
  if (style.kind === 'all_answered') return { messages: style.limit, kind: 'all_answered' };
  if (style.kind === 'until_goal_achieved') return { messages: style.limit, kind: 'until' };
  return undefined;
}

function unaskedValues(result: ConversationResult): GoalValue[] {
  const messages = userMessages(result);
  return goalValuesOf(result.metadata).filter((v) => !mentionsValue(v.value, messages));
}

function styleNames(result: ConversationResult): string[] {
  return result.metadata.interactionStyles.filter((s): s is string => typeof s === 'string');
}

function checkGoals(result: ConversationResult, faults: SimulatorFault[]): void {
  if (!GOAL_STOP_REASONS.includes(result.stopReason)) return;
  // The conversation ended because its goal style (or the user) said so: only then was every goal due.
  const unasked = unaskedValues(result);
  if (unasked.length > 0) {
    faults.push({
      kind: 'goal_not_asked',
      reason: `the user never mentioned ${unasked.length === 1 ? 'the goal value' : 'the goal values'} ${unasked.map(valueText).join(', ')}`,
      turns: [],
    });
  }
  if (result.stopReason !== 'user_done') return;
  const end = goalStyleEnd(result);
  const sent = result.turns.filter((t) => t.role === 'user').length;
  if (end === undefined || sent >= end.messages) return;
  const open = result.answered?.filter((g) => !g.answered).map((g) => g.goal) ?? [];
  const why =
    sent <= 1
      ? 'in its first message, before reading any answer'
      : unasked.length > 0
        ? 'with goal values it never asked about'
        : end.kind === 'all_answered' && open.length > 0
          ? `with goals the chatbot had not answered (${open.join('; ')})`
          : undefined;
  if (why === undefined) return;
  const limit =
    end.kind === 'steps'
      ? `steps: ${end.messages}`
      : end.kind === 'until'
        ? `until goal_achieved, limit ${end.messages}`
        : `all_answered limit ${end.messages}`;
  faults.push({
    kind: 'stopped_early',
    reason: `the user said goodbye after ${sent} of ${end.messages} messages (${limit}) ${why}`,
    turns: [],
  });
}

function checkStyles(result: ConversationResult, faults: SimulatorFault[], detect: LanguageDetector): void {
  const misses = isOfflineUser(result) ? [] : languageMisses(result.turns, detect);
  if (misses.length > 0) {
    const list = misses.map((m) => `turn ${m.turn} asked for ${m.asked}, reads as ${m.detected}`).join('; ');
    faults.push({
      kind: 'language_not_followed',
      reason: `the user did not switch language: ${list}`,
      turns: misses.map((m) => m.turn),
    });
  }
  if (styleNames(result).includes('make spelling mistakes')) {
    const users = result.turns.filter((t) => t.role === 'user');
    const typed = users.some((t) => t.intended !== undefined && t.intended !== t.text);
    const couldType = users.some((t) => /\p{L}{3,}/u.test(t.text));
    if (!typed && couldType)
      faults.push({
        kind: 'no_typos',
        reason: 'make spelling mistakes is on, but no user message has a typo',
        turns: [],
      });
  }
}

/** Echoes shorter than this ("ok", "yes") are normal replies, not role confusion. */
const MIN_ECHO_LENGTH = 12;

function checkCharacter(result: ConversationResult, faults: SimulatorFault[]): void {
  if (result.stopReason === 'simulator_error')
    faults.push({ kind: 'simulator_error', reason: result.stopDetail, turns: [] });
  const echoes: number[] = [];
  result.turns.forEach((turn, i) => {
    const previous = result.turns[i - 1];
    if (turn.role !== 'user' || previous?.role !== 'assistant' || previous.error) return;
    const said = foldText(turn.intended ?? turn.text);
    if (said.length >= MIN_ECHO_LENGTH && said === foldText(previous.text)) echoes.push(i + 1);
  });
  if (echoes.length > 0)
    faults.push({
      kind: 'broke_character',
      reason: `the user repeated the chatbot's message word for word in turn${echoes.length === 1 ? '' : 's'} ${echoes.join(', ')}`,
      turns: echoes,
    });
}

/**
 * The simulated user's faults in a finished conversation: goal values it never asked about (when
 * the conversation ran its course), a goodbye before the goal style's end with goals still open,
 * interaction styles without effect (language switches not followed, except by the offline
 * user, see isOfflineUser; no typos under `make spelling mistakes`), and signs that it stopped
 * playing the user. A conversation with any fault is the simulator's failure, not the chatbot's.
 * Interrupted conversations have none: they are played again.
 */
export function findSimulatorFaults(result: ConversationResult, options: FaultCheckOptions = {}): SimulatorFault[] {
  if (result.status === 'interrupted') return [];
  const faults: SimulatorFault[] = [];
  checkCharacter(result, faults);
  checkGoals(result, faults);
  checkStyles(result, faults, options.detect ?? detectLanguages);
  return faults;
}
