import type { OfflineTraits } from '../styles/interaction/index.ts';
import { pick } from '../base/text/random-source.ts';
import type { OfflinePersona } from './persona.ts';
import type { VariableCue } from './question-match.ts';
import type { Unit } from './render.ts';
import { fold } from './words.ts';

/**
 * `change your mind`: once, on the first message after a variable's value was given, the user
 * switches to another value of that variable, and on its next message goes back to the first
 * one, so the values recorded for the conversation stay the ones the user ends up with.
 */
export class ChangeOfMind {
  readonly #persona: OfflinePersona;
  readonly #cues: readonly VariableCue[];
  readonly #styles: OfflineTraits;
  #changed = false;
  #restore: string | undefined;

  constructor(persona: OfflinePersona, cues: readonly VariableCue[], styles: OfflineTraits) {
    this.#persona = persona;
    this.#cues = cues;
    this.#styles = styles;
  }

  /** The first value to go back to on this message, if the last one changed it; asked once. */
  takeRestore(): string | undefined {
    const restore = this.#restore;
    this.#restore = undefined;
    return restore;
  }

  /** Adds the change to `units`, once, about a value given in an earlier message. */
  maybeChange(units: Unit[], userTurns: number, givenBefore: ReadonlySet<string>): void {
    if (this.#styles.changesMind !== true || this.#changed || userTurns === 0) return;
    if (units.some((u) => u.kind === 'goodbye' || u.kind === 'restoreMind')) return;
    const candidates = this.#cues.filter(
      (cue) => givenBefore.has(cue.name) && alternativeTo(cue, this.#persona) !== undefined,
    );
    if (candidates.length === 0) return;
    const cue = pick(this.#persona.random, candidates);
    const alternative = alternativeTo(cue, this.#persona) ?? [];
    units.push({ kind: 'changeMind', old: cue.value, new: pick(this.#persona.random, alternative) });
    this.#changed = true;
    this.#restore = cue.value;
  }
}

/** Another value of the variable: another data-list option, or the number plus one. */
function alternativeTo(cue: VariableCue, persona: OfflinePersona): string[] | undefined {
  if (/^\d+$/.test(cue.value)) return [String(Number(cue.value) + 1)];
  const picked = fold(cue.value);
  const others = cue.options.filter((option) => !picked.includes(fold(option)));
  return others.length > 0 && persona.values[cue.name] !== undefined ? others : undefined;
}
