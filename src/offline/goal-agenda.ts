import type { Turn } from '../conversation/types.ts';
import type { OfflineTraits } from '../styles/interaction/index.ts';
import { chance, type RandomSource } from '../base/text/random-source.ts';
import { checkGoals } from './goal-checker.ts';
import { goalWithValue, type VariableCue } from './question-match.ts';
import type { Unit } from './render.ts';
import { fold } from './words.ts';

/**
 * Where the offline user stands with its goals: those still to ask, those asked, those asked
 * again, and the variables whose value it has said. Answering and asking both move it on.
 */
export class GoalAgenda {
  readonly #cues: readonly VariableCue[];
  readonly #styles: OfflineTraits;
  readonly #random: RandomSource;
  /** Goals not asked yet, in order. */
  #queue: string[];
  readonly #asked: string[] = [];
  /** Goals asked again (or that need no reminder): each is asked again at most once. */
  readonly reminded = new Set<string>();
  /** Variables whose value was said, alone or in a goal that holds it. */
  readonly given = new Set<string>();

  constructor(
    goals: readonly string[],
    openedWith: string | undefined,
    cues: readonly VariableCue[],
    styles: OfflineTraits,
    random: RandomSource,
  ) {
    this.#cues = cues;
    this.#styles = styles;
    this.#random = random;
    this.#queue = [...goals];
    const opened = openedWith === undefined ? undefined : fold(openedWith).trim();
    if (opened !== undefined) {
      this.#asked.push(...this.#queue.filter((goal) => fold(goal).trim() === opened));
      this.#queue = this.#queue.filter((goal) => fold(goal).trim() !== opened);
    }
  }

  /** Some goal was not asked yet. */
  get hasQueued(): boolean {
    return this.#queue.length > 0;
  }

  /** The next goals to ask: one or two (`default`), one (`single questions`), all (`all questions`). */
  nextGoals(): Unit[] {
    if (this.#queue.length === 0) return [];
    const count =
      this.#styles.asks === 'all'
        ? this.#queue.length
        : this.#styles.asks === 'one'
          ? 1
          : this.#queue.length >= 2 && chance(this.#random, 0.5)
            ? 2
            : 1;
    const goals = this.#queue.slice(0, count);
    goals.forEach((goal) => this.markAsked(goal));
    return goals.map((goal) => ({ kind: 'goal', goal }));
  }

  markAsked(goal: string): void {
    this.#queue = this.#queue.filter((g) => g !== goal);
    if (!this.#asked.includes(goal)) this.#asked.push(goal);
    for (const cue of this.#cues) if (goalWithValue([goal], cue) !== undefined) this.given.add(cue.name);
  }

  /** Goals asked but not answered by the chatbot, each asked again once. */
  reminders(history: readonly Turn[], except: readonly string[] = []): Unit[] {
    const open = checkGoals(
      this.#asked.filter((g) => !this.reminded.has(g) && !except.includes(g)),
      history,
    ).filter((check) => !check.answered);
    const count = this.#styles.asks === 'all' ? open.length : 1;
    return open.slice(0, count).map((check) => {
      this.reminded.add(check.goal);
      return { kind: 'remind', goal: check.goal };
    });
  }
}
