import type { SimulatedUser, TurnNote, UserTurnReply, UserTurnRequest } from '../conversation/ports.ts';
import type { Turn } from '../conversation/types.ts';
import { canonicalStyle, offlineTraits, type OfflineTraits, type StyleName } from '../styles/interaction/index.ts';
import { randomIndex } from '../base/text/random-source.ts';
import { addTypos } from '../base/text/typos.ts';
import { readBotReply, type BotReading } from './bot-reply.ts';
import { ChangeOfMind } from './change-of-mind.ts';
import { GoalAgenda } from './goal-agenda.ts';
import type { OfflinePersona, OfflineUserOptions } from './persona.ts';
import { phrasebookFor, type Phrasebook } from './phrasebook/index.ts';
import {
  chooseOption,
  isConfirmation,
  nameFromContext,
  variableCues,
  wantsYes,
  type VariableCue,
} from './question-match.ts';
import { QuestionAnswerer } from './question-answerer.ts';
import { withDocuments } from './read-documents.ts';
import { render, type Tone, type Unit } from './render.ts';
import { fold } from './words.ts';

/**
 * The offline simulated user: plays a profile with no model and no network, deterministically
 * for a given random stream (every draw comes from `persona.random`, in a fixed order).
 *
 * It greets in the tone of its personality (formal, curt or friendly), gives its name when the
 * context has one, and asks its goals in order: one or two per message (`default`), one
 * (`single questions`) or all at once (`all questions`). Before asking more, it answers what the
 * chatbot asked: the value of a variable whose name, synonym or listed options appear in the
 * question (stating the goal that holds the value when there is one), a goal that shares the
 * question's words, a personal fact from the context, one side of an "A or B?" question, one of
 * the listed options when its goals leave that choice open, or yes/no. It never repeats the same
 * answer more than twice. Once every goal was asked and the chatbot replied, it asks once more
 * about goals the offline goal checker finds unanswered, then says goodbye with `done: true`.
 * Notes: `rephrase` says the last message again with other templates; `change_topic` moves on to
 * the next goal (or a reminder of another one, or goodbye); `language` speaks that language for
 * the turn (phrasebooks: English, Spanish, French, German, Italian, Portuguese; others fall back
 * to English). Goal sentences and values are quoted as written, in the profile's language.
 *
 * `change your mind`: once, on the first message after a variable's value was given, the user
 * switches to another value of that variable (another data-list option, or the number plus
 * one), and on its next message goes back to the original value. The values recorded for the
 * conversation therefore stay the ones the user ends up with.
 */
export function createOfflineUser(persona: OfflinePersona, options: OfflineUserOptions = {}): SimulatedUser {
  return new OfflineUser(persona, options);
}

/** Messages in a row without anything new to say before the user says goodbye. */
const MAX_IDLE = 1;

class OfflineUser implements SimulatedUser {
  readonly #persona: OfflinePersona;
  readonly #typoRate: number;
  readonly #styles: OfflineTraits;
  readonly #cues: readonly VariableCue[];
  readonly #tone: Tone;
  readonly #name: string | undefined;
  readonly #agenda: GoalAgenda;
  readonly #answerer: QuestionAnswerer;
  readonly #mind: ChangeOfMind;
  #last: { units: Unit[]; variants: readonly number[] } | undefined;
  #idle = 0;
  #finished = false;
  /** Pages and PDFs already read, by address: each is acknowledged once. */
  readonly #opened = new Set<string>();

  constructor(persona: OfflinePersona, options: OfflineUserOptions) {
    this.#persona = persona;
    this.#typoRate = options.typoRate ?? 0.2;
    const styles = new Set<StyleName>();
    const listed = 'names' in persona.styles ? persona.styles.names : persona.styles;
    for (const style of listed) {
      const name = typeof style === 'string' ? canonicalStyle(style) : undefined;
      if (name) styles.add(name);
    }
    this.#styles = offlineTraits(styles);
    this.#cues = variableCues(persona, phrasebookFor(persona.language).and);
    this.#tone = toneOf(persona.context);
    this.#name = nameFromContext(persona.context);
    this.#agenda = new GoalAgenda(persona.goals, options.openedWith, this.#cues, this.#styles, persona.random);
    this.#answerer = new QuestionAnswerer(persona, this.#cues, this.#agenda);
    this.#mind = new ChangeOfMind(persona, this.#cues, this.#styles);
  }

  next(request: UserTurnRequest): Promise<UserTurnReply> {
    if (request.signal?.aborted) return Promise.reject(request.signal.reason as Error);
    return Promise.resolve(this.#turn(request));
  }

  #turn(request: UserTurnRequest): UserTurnReply {
    const book = phrasebookFor(languageOf(request.notes) ?? this.#persona.language);
    if (this.#finished) return this.#say([{ kind: 'goodbye' }], book);
    const bot = lastBotTurn(request.history);
    const reading = readBotReply(bot?.text ?? '');
    const has = (kind: TurnNote['kind']) => request.notes.some((note) => note.kind === kind);
    const givenBefore = new Set(this.#agenda.given);

    if (has('change_topic') && request.userTurns > 0) return this.#say(this.#changeTopic(request.history), book);
    if (has('rephrase') && this.#last !== undefined) {
      const rephrased = this.#rephrase(book);
      if (rephrased) return rephrased;
    }
    const pressed = this.#answerer.buttonToPress(bot);
    if (pressed) {
      this.#last = { units: [{ kind: 'choose', option: pressed.title }], variants: [0] };
      return { text: pressed.title, done: false, button: pressed };
    }
    let units = request.userTurns === 0 ? this.#opening(reading) : this.#respond(reading, request.history);
    units = withDocuments(units, bot, this.#opened, this.#persona.goals);
    // Going back to the first value must reach the chatbot, so the goodbye waits a turn.
    if (units.some((u) => u.kind === 'restoreMind'))
      units = units.filter((u) => u.kind !== 'goodbye' && u.kind !== 'nothingElse');
    this.#mind.maybeChange(units, request.userTurns, givenBefore);
    return this.#say(units, book);
  }

  #opening(reading: BotReading): Unit[] {
    const units: Unit[] = [{ kind: 'greet', tone: this.#tone }];
    if (this.#name !== undefined) units.push({ kind: 'name', name: this.#name });
    units.push(...this.#answerer.answers(reading));
    units.push(...this.#agenda.nextGoals());
    return units;
  }

  /** Every message after the first: an answer to the chatbot's reply, the next goals, or goodbye. */
  #respond(reading: BotReading, history: readonly Turn[]): Unit[] {
    const units: Unit[] = [];
    const restore = this.#mind.takeRestore();
    if (restore !== undefined) units.push({ kind: 'restoreMind', old: restore });
    const asks = reading.questions.length > 0 && !reading.anythingElse;
    const confirming = asks && reading.yesNo && isConfirmation(reading.questions.at(-1) ?? '');
    const answers = reading.anythingElse || confirming ? [] : this.#answerer.answers(reading);
    const option =
      asks && answers.length === 0 && reading.choice ? chooseOption(reading.choice, this.#persona) : undefined;
    let listed: string | undefined;
    if (confirming) {
      units.push(...this.#answerer.confirm(reading, history));
    } else if (answers.length > 0) {
      units.push(...answers);
    } else if (option !== undefined) {
      units.push({ kind: 'choose', option });
    } else if (asks && (listed = this.#answerer.pickListed(reading)) !== undefined) {
      units.push({ kind: 'choose', option: listed });
    } else if (asks && reading.yesNo) {
      const question = reading.questions.at(-1) ?? '';
      const goals = this.#agenda.nextGoals();
      units.push(
        { kind: wantsYes(question, this.#persona) ? 'yes' : 'no' },
        ...(goals.length > 0 ? goals : this.#agenda.reminders(history)),
      );
    } else if (this.#agenda.hasQueued) {
      units.push(...this.#agenda.nextGoals());
    } else {
      units.push(...this.#agenda.reminders(history));
    }
    // A yes to a confirmation waits for the chatbot's reply: it is never bundled with a goodbye.
    const saysSomething =
      confirming || units.some((u) => ['goal', 'answer', 'remind', 'choose', 'statement'].includes(u.kind));
    this.#idle = saysSomething ? 0 : this.#idle + 1;
    if (!saysSomething && asks && !reading.yesNo && this.#idle <= MAX_IDLE) units.push({ kind: 'dontMind' });
    else if (!saysSomething && (!asks || this.#idle > MAX_IDLE)) {
      if (reading.anythingElse) units.push({ kind: 'nothingElse' });
      units.push({ kind: 'goodbye' });
    }
    return units;
  }

  #changeTopic(history: readonly Turn[]): Unit[] {
    const current = (this.#last?.units ?? []).flatMap((u) =>
      u.kind === 'goal' || u.kind === 'remind' ? [u.goal] : [],
    );
    const next = this.#agenda.hasQueued ? this.#agenda.nextGoals() : this.#agenda.reminders(history, current);
    return next.length > 0 ? [{ kind: 'changeTopic' }, ...next] : [{ kind: 'changeTopic' }, { kind: 'goodbye' }];
  }

  /** The last message again, each part in other words, after a "please rephrase" note. */
  #rephrase(book: Phrasebook): UserTurnReply | undefined {
    const last = this.#last;
    if (!last) return undefined;
    const skip = new Set<Unit['kind']>([
      'greet',
      'rephrase',
      'changeTopic',
      'padding',
      'goodbye',
      'name',
      'readDocument',
      'documentSays',
    ]);
    const kept = last.units.flatMap((unit, i) => (skip.has(unit.kind) ? [] : [{ unit, variant: last.variants[i] }]));
    if (kept.length === 0) return undefined;
    return this.#say([{ kind: 'rephrase' }, ...kept.map((k) => k.unit)], book, [
      undefined,
      ...kept.map((k) => k.variant),
    ]);
  }

  #say(units: Unit[], book: Phrasebook, avoid: readonly (number | undefined)[] = []): UserTurnReply {
    const padded = this.#styles.elaborates === true ? this.#pad(units, avoid, book) : { units, avoid };
    const rendered = render(padded.units, book, this.#persona.random, padded.avoid);
    this.#last = { units: padded.units, variants: rendered.variants };
    const done = units.some((u) => u.kind === 'goodbye');
    if (done) this.#finished = true;
    if (this.#styles.typos !== true) return { text: rendered.text, done };
    // Values and yes/no stay readable: a typo there changes what the user asks for, not how it types.
    const protect = [
      ...this.#cues.flatMap((cue) => [cue.value, cue.substituted, ...cue.options]),
      ...book.yes,
      ...book.no,
      ...(this.#name === undefined ? [] : [this.#name]),
    ];
    const text = addTypos(rendered.text, this.#persona.random, { rate: this.#typoRate, protect });
    return { text, intended: rendered.text, done };
  }

  /** `long phrases`: a padding sentence after the opening words and another before the end. */
  #pad(
    units: readonly Unit[],
    avoid: readonly (number | undefined)[],
    book: Phrasebook,
  ): { units: Unit[]; avoid: (number | undefined)[] } {
    const first = randomIndex(this.#persona.random, book.padding.length);
    const second = (first + 1 + randomIndex(this.#persona.random, book.padding.length - 1)) % book.padding.length;
    const out = units.map((unit, i) => ({ unit, avoid: avoid[i] }));
    const lead = units.findIndex((u) => !['greet', 'name', 'rephrase', 'changeTopic', 'restoreMind'].includes(u.kind));
    out.splice(lead === -1 ? out.length : lead, 0, { unit: { kind: 'padding', index: first }, avoid: undefined });
    out.splice(out.at(-1)?.unit.kind === 'goodbye' ? out.length - 1 : out.length, 0, {
      unit: { kind: 'padding', index: second },
      avoid: undefined,
    });
    return { units: out.map((o) => o.unit), avoid: out.map((o) => o.avoid) };
  }
}

function languageOf(notes: readonly TurnNote[]): string | undefined {
  for (const note of notes) if (note.kind === 'language') return note.language;
  return undefined;
}

function lastBotTurn(history: readonly Turn[]): Turn | undefined {
  const last = history.at(-1);
  return last?.role === 'assistant' && last.error === undefined ? last : undefined;
}

function toneOf(context: readonly string[]): Tone {
  const text = fold(context.join(' '));
  if (/\b(formal|educated|polite|professional|courteous)/.test(text)) return 'formal';
  if (/\b(rude|impatient|direct|blunt|sarcastic|angry)/.test(text)) return 'curt';
  return 'friendly';
}
