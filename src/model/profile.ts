import type { OutputSpec } from './output-type.ts';
import type { StyleName } from '../styles/interaction-styles.ts';

/** When a conversation ends; `default` is all_answered with its defaults (DECISIONS fix 5). */
export type GoalStyleSpec =
  | { readonly kind: 'steps'; readonly steps: number }
  | { readonly kind: 'random_steps'; readonly max: number }
  | { readonly kind: 'all_answered'; readonly export: boolean; readonly limit: number };

/** An interaction style as written: a named style, a `change language` list, or a `random` pick. */
export type StyleSpec =
  | { readonly kind: 'style'; readonly name: StyleName }
  | { readonly kind: 'change_language'; readonly languages: readonly string[] }
  | { readonly kind: 'random'; readonly options: readonly StyleSpec[] };

/** A validated profile in the shape the engine reads: defaults applied, references resolved. */
export interface NormalizedProfile {
  readonly absPath: string;
  /** Path relative to the project folder. */
  readonly file: string;
  readonly testName: string;
  readonly llm: { readonly model: string; readonly provider: string | null; readonly temperature: number };
  readonly user: {
    /** null means the profile did not say; the simulated user speaks English. */
    readonly language: string | null;
    readonly role: string;
    /** `user.context` exactly as written (Sensei's metadata repeats it). */
    readonly contextRaw: unknown;
    /** Personality sentences first, then the profile's own sentences. */
    readonly context: readonly string[];
    readonly personality: string | undefined;
  };
  readonly chatbot: { readonly isStarter: boolean; readonly fallback: string; readonly outputs: readonly OutputSpec[] };
  readonly conversation: {
    /** goal_style.max_cost: the cap of one conversation (USD). */
    readonly maxCostPerConversation: number | undefined;
    readonly goalStyle: GoalStyleSpec;
    /** conversation.max_cost: the cap of the whole run (USD). */
    readonly maxCostPerRun: number | undefined;
    /** The goal_style map as written (Sensei's metadata repeats it). */
    readonly goalStyleRaw: Record<string, unknown>;
    readonly interactionStyles: readonly StyleSpec[];
  };
  /** The validated profile value, for the variable engine. */
  readonly value: Record<string, unknown>;
}

export const SENSEI_DEFAULTS = {
  model: 'gpt-4o',
  temperature: 0.8,
  language: 'English',
  isStarter: true,
  answeredLimit: 30,
} as const;
