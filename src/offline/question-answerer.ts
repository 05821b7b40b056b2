import { buttonsOf } from '../conversation/seen-text.ts';
import type { ButtonChoice, Turn } from '../conversation/types.ts';
import { pick } from '../base/text/random-source.ts';
import type { BotReading } from './bot-reply.ts';
import type { GoalAgenda } from './goal-agenda.ts';
import { goalForm, subjectWords } from './goal-kind.ts';
import type { OfflinePersona } from './persona.ts';
import {
  askedVariables,
  contextAnswering,
  goalsAnsweringQuestions,
  goalWithValue,
  listedOptions,
  wantsYes,
  wrongValues,
  type VariableCue,
} from './question-match.ts';
import type { Unit } from './render.ts';
import { containsPhrase, contentWords, fold } from './words.ts';

/** How often one value or goal is given in answer to the chatbot's questions; after that it evidently does not help. */
const MAX_SAME_ANSWER = 2;
/** How often the user says yes to the same confirmation question (its changes may reopen it). */
const MAX_SAME_CONFIRMATION = 4;

/**
 * What the offline user says to what the chatbot asked: values, goals and context sentences, a
 * pick from a list, a button, a yes or a correction. It counts every answer, so that none is
 * given more than twice.
 */
export class QuestionAnswerer {
  readonly #persona: OfflinePersona;
  readonly #cues: readonly VariableCue[];
  readonly #agenda: GoalAgenda;
  readonly #answered = new Map<string, number>();
  /** Options picked from a chatbot's list, by question, so the same question gets the same pick. */
  readonly #picked = new Map<string, string>();

  constructor(persona: OfflinePersona, cues: readonly VariableCue[], agenda: GoalAgenda) {
    this.#persona = persona;
    this.#cues = cues;
    this.#agenda = agenda;
  }

  /**
   * A button that names what the user wants (a variable's value, or words of a goal that orders
   * something): the user presses it, as a person would, at most twice.
   */
  buttonToPress(bot: Turn | undefined): ButtonChoice | undefined {
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
    for (const cue of byValue(wanted.title)) this.#agenda.given.add(cue.name);
    return wanted;
  }

  /**
   * The chatbot asks to confirm: no and the right value when it got a value wrong (and this
   * correction was not made twice already), else yes and the next goals.
   */
  confirm(reading: BotReading, history: readonly Turn[]): Unit[] {
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
    const goals = this.#agenda.nextGoals();
    return [{ kind: 'yes' }, ...(goals.length > 0 ? goals : this.#agenda.reminders(history))];
  }

  /** Values, goals and context sentences that answer what the chatbot just asked. */
  answers(reading: BotReading): Unit[] {
    const units: Unit[] = [];
    const said = new Set<string>();
    const giveGoal = (goal: string) => {
      if (said.has(goal) || !this.#mayRepeat(`goal:${goal}`)) return;
      said.add(goal);
      units.push({ kind: 'goal', goal });
      this.#agenda.markAsked(goal);
    };
    for (const cue of askedVariables(reading, this.#cues)) {
      const goal = goalWithValue(this.#persona.goals, cue);
      if (goal !== undefined) giveGoal(goal);
      else if (this.#mayRepeat(`value:${cue.name}`)) {
        units.push({ kind: 'answer', value: cue.value });
        this.#agenda.given.add(cue.name);
      }
    }
    const questionWords = new Set(reading.questions.flatMap((q) => contentWords(q)));
    for (const goal of goalsAnsweringQuestions(reading, this.#persona.goals)) {
      // "a drink" to "Which drink? We have cola, water...": the goal names nothing the question
      // lacks, so the user picks one of the listed options instead of repeating it.
      const generic = subjectWords(goal).every((word) => questionWords.has(word));
      const option = generic ? this.pickListed(reading) : undefined;
      if (option === undefined) giveGoal(goal);
      else if (!said.has(goal)) {
        said.add(goal);
        units.push({ kind: 'choose', option });
        this.#agenda.markAsked(goal);
        // Its words cannot show in the chatbot's answer ("1 can of cola"), so no reminder either.
        this.#agenda.reminded.add(goal);
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
  pickListed(reading: BotReading): string | undefined {
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
}
