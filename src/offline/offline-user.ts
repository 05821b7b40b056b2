import type { SimulatedUser, TurnNote, UserTurnReply, UserTurnRequest } from '../conversation/ports.ts';
import { buttonsOf } from '../conversation/seen-text.ts';
import type { Turn } from '../conversation/types.ts';
import { canonicalStyle, offlineTraits, type OfflineTraits, type StyleName } from '../styles/interaction/index.ts';
import { chance, pick, randomIndex } from '../base/text/random-source.ts';
import { addTypos } from '../base/text/typos.ts';
import { readBotReply, type BotReading } from './bot-reply.ts';
import { goalForm, subjectWords } from './goal-kind.ts';
import { checkGoals } from './goal-checker.ts';
import type { OfflinePersona, OfflineUserOptions } from './persona.ts';
import { phrasebookFor, type Phrasebook } from './phrasebook/index.ts';
import {
  askedVariables,
  chooseOption,
  contextAnswering,
  goalsAnsweringQuestions,
  goalWithValue,
  isConfirmation,
  listedOptions,
  nameFromContext,
  variableCues,
  wantsYes,
  wrongValues,
  type VariableCue,
} from './question-match.ts';
import { render, type Tone, type Unit } from './render.ts';
import { containsPhrase, contentWords, fold, sentences } from './words.ts';

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
/** How often one value or goal is given in answer to the chatbot's questions; after that it evidently does not help. */
const MAX_SAME_ANSWER = 2;
/** How often the user says yes to the same confirmation question (its changes may reopen it). */
const MAX_SAME_CONFIRMATION = 4;

class OfflineUser implements SimulatedUser {
  readonly #persona: OfflinePersona;
  readonly #typoRate: number;
  readonly #styles: OfflineTraits;
  readonly #cues: readonly VariableCue[];
  readonly #tone: Tone;
  readonly #name: string | undefined;
  /** Goals not asked yet, in order. */
  #queue: string[];
  readonly #asked: string[] = [];
  readonly #reminded = new Set<string>();
  readonly #given = new Set<string>();
  readonly #answered = new Map<string, number>();
  /** Options picked from a chatbot's list, by question, so the same question gets the same pick. */
  readonly #picked = new Map<string, string>();
  #changedMind = false;
  #restore: string | undefined;
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
    this.#queue = [...persona.goals];
    const opened = options.openedWith === undefined ? undefined : fold(options.openedWith).trim();
    if (opened !== undefined) {
      this.#asked.push(...this.#queue.filter((goal) => fold(goal).trim() === opened));
      this.#queue = this.#queue.filter((goal) => fold(goal).trim() !== opened);
    }
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
    const givenBefore = new Set(this.#given);

    if (has('change_topic') && request.userTurns > 0) return this.#say(this.#changeTopic(request.history), book);
    if (has('rephrase') && this.#last !== undefined) {
      const rephrased = this.#rephrase(book);
      if (rephrased) return rephrased;
    }
    const pressed = this.#pressButton(bot);
    if (pressed) return pressed;
    let units = request.userTurns === 0 ? this.#opening(reading) : this.#respond(reading, request.history);
    units = this.#withDocuments(units, bot);
    // Going back to the first value must reach the chatbot, so the goodbye waits a turn.
    if (units.some((u) => u.kind === 'restoreMind'))
      units = units.filter((u) => u.kind !== 'goodbye' && u.kind !== 'nothingElse');
    this.#maybeChangeMind(units, request.userTurns, givenBefore);
    return this.#say(units, book);
  }

  #opening(reading: BotReading): Unit[] {
    const units: Unit[] = [{ kind: 'greet', tone: this.#tone }];
    if (this.#name !== undefined) units.push({ kind: 'name', name: this.#name });
    units.push(...this.#answers(reading));
    units.push(...this.#nextGoals());
    return units;
  }

  #respond(reading: BotReading, history: readonly Turn[]): Unit[] {
    const units: Unit[] = [];
    if (this.#restore !== undefined) units.push({ kind: 'restoreMind', old: this.#restore });
    this.#restore = undefined;
    const asks = reading.questions.length > 0 && !reading.anythingElse;
    const confirming = asks && reading.yesNo && isConfirmation(reading.questions.at(-1) ?? '');
    const answers = reading.anythingElse || confirming ? [] : this.#answers(reading);
    const option =
      asks && answers.length === 0 && reading.choice ? chooseOption(reading.choice, this.#persona) : undefined;
    let listed: string | undefined;
    if (confirming) {
      units.push(...this.#confirm(reading, history));
    } else if (answers.length > 0) {
      units.push(...answers);
    } else if (option !== undefined) {
      units.push({ kind: 'choose', option });
    } else if (asks && (listed = this.#pickListed(reading)) !== undefined) {
      units.push({ kind: 'choose', option: listed });
    } else if (asks && reading.yesNo) {
      const question = reading.questions.at(-1) ?? '';
      const goals = this.#nextGoals();
      units.push(
        { kind: wantsYes(question, this.#persona) ? 'yes' : 'no' },
        ...(goals.length > 0 ? goals : this.#reminders(history)),
      );
    } else if (this.#queue.length > 0) {
      units.push(...this.#nextGoals());
    } else {
      units.push(...this.#reminders(history));
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

  /**
   * A button that names what the user wants (a variable's value, or words of a goal that orders
   * something): the user presses it, as a person would, at most twice.
   */
  #pressButton(bot: Turn | undefined): UserTurnReply | undefined {
    const buttons = buttonsOf(bot);
    if (buttons.length === 0) return undefined;
    const byValue = (title: string) =>
      this.#cues.filter((cue) => containsPhrase(cue.value, title) || containsPhrase(title, cue.value));
    const wanted =
      buttons.find((b) => byValue(b.title).length > 0) ??
      buttons.find((b) =>
        this.#persona.goals.some((goal) => goalForm(goal) !== 'question' && containsPhrase(goal, b.title)),
      );
    if (wanted === undefined || !this.#mayRepeat(`button:${fold(wanted.title)}`)) return undefined;
    for (const cue of byValue(wanted.title)) this.#given.add(cue.name);
    this.#last = { units: [{ kind: 'choose', option: wanted.title }], variants: [0] };
    return { text: wanted.title, done: false, button: wanted };
  }

  /**
   * Pages and PDFs of the chatbot's reply that the user has not read yet: it says it opened each
   * one and quotes the sentence that bears most on its goals, then goes on as usual.
   */
  #withDocuments(units: Unit[], bot: Turn | undefined): Unit[] {
    const documents = (bot?.parts ?? []).filter(
      (part) =>
        (part.kind === 'link' || part.kind === 'pdf') &&
        part.status === 'seen' &&
        part.text !== undefined &&
        part.text !== '' &&
        !this.#opened.has(part.url ?? ''),
    );
    if (documents.length === 0) return units;
    const read: Unit[] = [];
    for (const document of documents) {
      this.#opened.add(document.url ?? '');
      read.push({ kind: 'readDocument', title: document.title ?? (document.kind === 'pdf' ? 'the PDF' : 'the page') });
      const sentence = this.#documentSentence(document.text ?? '');
      if (sentence !== undefined) read.push({ kind: 'documentSays', text: sentence });
    }
    const lead = units.findIndex((u) => u.kind !== 'greet' && u.kind !== 'name');
    const at = lead === -1 ? units.length : lead;
    return [...units.slice(0, at), ...read, ...units.slice(at)];
  }

  /** The document's sentence sharing the most words with the user's goals, if any does. */
  #documentSentence(text: string): string | undefined {
    const wanted = new Set(contentWords(this.#persona.goals.join(' ')).filter((w) => w.length >= 4));
    let best: { sentence: string; score: number } | undefined;
    for (const sentence of sentences(text.replace(/\n+/g, '. '))) {
      const score = new Set(contentWords(sentence).filter((w) => wanted.has(w))).size;
      if (score > 0 && (best === undefined || score > best.score)) best = { sentence, score };
    }
    if (best === undefined) return undefined;
    const words = best.sentence.trim().split(/\s+/);
    const short = words.length > 30 ? `${words.slice(0, 30).join(' ')}…` : best.sentence.trim();
    return /[.!?…]$/.test(short) ? short : `${short}.`;
  }

  /**
   * The chatbot asks to confirm: no and the right value when it got a value wrong (and this
   * correction was not made twice already), else yes and the next goals.
   */
  #confirm(reading: BotReading, history: readonly Turn[]): Unit[] {
    const corrections: Unit[] = [];
    for (const cue of wrongValues(reading.text, this.#cues)) {
      if (!this.#mayRepeat(`fix:${cue.name}`)) continue;
      const goal = goalWithValue(this.#persona.goals, cue);
      const unit: Unit = goal === undefined ? { kind: 'answer', value: cue.value } : { kind: 'goal', goal };
      if (!corrections.some((u) => u.kind === 'goal' && unit.kind === 'goal' && u.goal === unit.goal))
        corrections.push(unit);
    }
    if (corrections.length > 0) return [{ kind: 'no' }, ...corrections];
    // A chatbot that asks the same confirmation again and again is stuck; the user leaves.
    if (!this.#mayRepeat(`yes:${fold(reading.questions.at(-1) ?? '')}`, MAX_SAME_CONFIRMATION))
      return [{ kind: 'goodbye' }];
    const goals = this.#nextGoals();
    return [{ kind: 'yes' }, ...(goals.length > 0 ? goals : this.#reminders(history))];
  }

  /** Values, goals and context sentences that answer what the chatbot just asked. */
  #answers(reading: BotReading): Unit[] {
    const units: Unit[] = [];
    const said = new Set<string>();
    const giveGoal = (goal: string) => {
      if (said.has(goal) || !this.#mayRepeat(`goal:${goal}`)) return;
      said.add(goal);
      units.push({ kind: 'goal', goal });
      this.#markAsked(goal);
    };
    for (const cue of askedVariables(reading, this.#cues)) {
      const goal = goalWithValue(this.#persona.goals, cue);
      if (goal !== undefined) giveGoal(goal);
      else if (this.#mayRepeat(`value:${cue.name}`)) {
        units.push({ kind: 'answer', value: cue.value });
        this.#given.add(cue.name);
      }
    }
    const questionWords = new Set(reading.questions.flatMap((q) => contentWords(q)));
    for (const goal of goalsAnsweringQuestions(reading, this.#persona.goals)) {
      // "a drink" to "Which drink? We have cola, water...": the goal names nothing the question
      // lacks, so the user picks one of the listed options instead of repeating it.
      const generic = subjectWords(goal).every((word) => questionWords.has(word));
      const option = generic ? this.#pickListed(reading) : undefined;
      if (option === undefined) giveGoal(goal);
      else if (!said.has(goal)) {
        said.add(goal);
        units.push({ kind: 'choose', option });
        this.#markAsked(goal);
        // Its words cannot show in the chatbot's answer ("1 can of cola"), so no reminder either.
        this.#reminded.add(goal);
      }
    }
    const personal = this.#persona.context.filter(
      (s) => /\b(your|you are|you're|you have|you live)\b/i.test(s) && s.split(/\s+/).length <= 12,
    );
    for (const text of contextAnswering(reading, personal)) units.push({ kind: 'statement', text });
    return units;
  }

  /**
   * One of the options the chatbot lists, for a user who orders something but has no value for
   * this choice (a topping, a size); the same question always gets the same pick. A user who only
   * asks questions, or who does not want what a yes/no offer proposes, picks nothing.
   */
  #pickListed(reading: BotReading): string | undefined {
    const options = listedOptions(reading.text);
    if (options.length === 0 || !this.#persona.goals.some((goal) => goalForm(goal) !== 'question')) return undefined;
    if (reading.yesNo && !wantsYes(reading.questions.at(-1) ?? '', this.#persona)) return undefined;
    const key = fold(reading.questions.join(' '));
    const option = this.#picked.get(key) ?? pick(this.#persona.random, options);
    this.#picked.set(key, option);
    return option;
  }

  /** Counts one more use of an answer; false once it was given MAX_SAME_ANSWER times. */
  #mayRepeat(key: string, limit = MAX_SAME_ANSWER): boolean {
    const count = this.#answered.get(key) ?? 0;
    if (count >= limit) return false;
    this.#answered.set(key, count + 1);
    return true;
  }

  /** The next goals to ask: one or two (`default`), one (`single questions`), all (`all questions`). */
  #nextGoals(): Unit[] {
    if (this.#queue.length === 0) return [];
    const count =
      this.#styles.asks === 'all'
        ? this.#queue.length
        : this.#styles.asks === 'one'
          ? 1
          : this.#queue.length >= 2 && chance(this.#persona.random, 0.5)
            ? 2
            : 1;
    const goals = this.#queue.slice(0, count);
    goals.forEach((goal) => this.#markAsked(goal));
    return goals.map((goal) => ({ kind: 'goal', goal }));
  }

  #markAsked(goal: string): void {
    this.#queue = this.#queue.filter((g) => g !== goal);
    if (!this.#asked.includes(goal)) this.#asked.push(goal);
    for (const cue of this.#cues) if (goalWithValue([goal], cue) !== undefined) this.#given.add(cue.name);
  }

  /** Goals asked but not answered by the chatbot, each asked again once. */
  #reminders(history: readonly Turn[], except: readonly string[] = []): Unit[] {
    const open = checkGoals(
      this.#asked.filter((g) => !this.#reminded.has(g) && !except.includes(g)),
      history,
    ).filter((check) => !check.answered);
    const count = this.#styles.asks === 'all' ? open.length : 1;
    return open.slice(0, count).map((check) => {
      this.#reminded.add(check.goal);
      return { kind: 'remind', goal: check.goal };
    });
  }

  #changeTopic(history: readonly Turn[]): Unit[] {
    const current = (this.#last?.units ?? []).flatMap((u) =>
      u.kind === 'goal' || u.kind === 'remind' ? [u.goal] : [],
    );
    const next = this.#queue.length > 0 ? this.#nextGoals() : this.#reminders(history, current);
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

  /** `change your mind`, once, about a value given in an earlier message. */
  #maybeChangeMind(units: Unit[], userTurns: number, givenBefore: ReadonlySet<string>): void {
    if (this.#styles.changesMind !== true || this.#changedMind || userTurns === 0) return;
    if (units.some((u) => u.kind === 'goodbye' || u.kind === 'restoreMind')) return;
    const candidates = this.#cues.filter(
      (cue) => givenBefore.has(cue.name) && alternativeTo(cue, this.#persona) !== undefined,
    );
    if (candidates.length === 0) return;
    const cue = pick(this.#persona.random, candidates);
    const alternative = alternativeTo(cue, this.#persona) ?? [];
    units.push({ kind: 'changeMind', old: cue.value, new: pick(this.#persona.random, alternative) });
    this.#changedMind = true;
    this.#restore = cue.value;
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

function alternativeTo(cue: VariableCue, persona: OfflinePersona): string[] | undefined {
  if (/^\d+$/.test(cue.value)) return [String(Number(cue.value) + 1)];
  const picked = fold(cue.value);
  const others = cue.options.filter((option) => !picked.includes(fold(option)));
  return others.length > 0 && persona.values[cue.name] !== undefined ? others : undefined;
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
