import { compileSearch } from './search-pattern.ts';
import type { Span } from './span.ts';

/**
 * What "right" means for a profile's conversations (`chatbot.expect:`, and `expect:` on an
 * output), typed: every item is checked on every conversation of the profile. Build items with
 * the constructors of `Expectations` (or read one as a profile writes it with `readExpectation`);
 * the verdict step (src/verdict/) judges them.
 */

/** Judged by an LLM: a criterion in plain words, or whether the user got what it came for. */
export type LlmCriterion =
  | { readonly kind: 'judge'; readonly text: string; readonly samples: number; readonly span?: Span | undefined }
  | { readonly kind: 'goal_achieved'; readonly samples: number; readonly span?: Span | undefined };

/** Checked offline with a Python regular expression, searched in every chatbot message. */
export type PatternCriterion = {
  readonly kind: 'says' | 'never_says';
  readonly pattern: string;
  readonly span?: Span | undefined;
};

export type Criterion = LlmCriterion | PatternCriterion;

/** A Python expression of the `check` language over the conversation's namespace, true when it holds. */
export interface ExpressionExpectation {
  readonly kind: 'expression';
  /** The expression as evaluated (`price == 12.5`; for an output's `expect: "== 12.5"`, its name and that text). */
  readonly source: string;
  /** The output whose `expect:` this is; undefined for an item of `chatbot.expect`. */
  readonly output?: string | undefined;
  /** Where it is written: the list item, or the output's `expect:` value. */
  readonly span?: Span | undefined;
}

export type Expectation = ExpressionExpectation | Criterion;

/** More samples than this is a typo, not a judging strategy (and multiplies the judge's cost). */
export const MAX_SAMPLES = 15;

/** The item forms of `chatbot.expect` besides expressions, as the profile spells them. */
export const CRITERION_FORMS = ['judge', 'goal_achieved', 'says', 'never_says'] as const;

/** Builds typed expectations: what `chatbot.expect:` items and test cases' expectations become. */
export const Expectations = {
  expression: (source: string, span?: Span): ExpressionExpectation => ({ kind: 'expression', source, span }),
  /** An output's `expect:` (`"== 12.5"`, `"in ['small', 'large']"`): the expression `<name> <expect>`. */
  output: (name: string, expect: string, span?: Span): ExpressionExpectation => ({
    kind: 'expression',
    source: `${name} ${expect.trim()}`,
    output: name,
    span,
  }),
  judge: (text: string, options: { readonly samples?: number; readonly span?: Span } = {}): LlmCriterion => ({
    kind: 'judge',
    text: text.trim(),
    samples: options.samples ?? 1,
    span: options.span,
  }),
  goalAchieved: (options: { readonly samples?: number; readonly span?: Span } = {}): LlmCriterion => ({
    kind: 'goal_achieved',
    samples: options.samples ?? 1,
    span: options.span,
  }),
  says: (pattern: string, span?: Span): PatternCriterion => ({ kind: 'says', pattern, span }),
  neverSays: (pattern: string, span?: Span): PatternCriterion => ({ kind: 'never_says', pattern, span }),
} as const;

/** An output's `expect:` as the rest of an expression on it: a number or boolean means `== value`. */
export function outputExpectText(value: unknown): string | undefined {
  if (typeof value === 'boolean') return `== ${value ? 'True' : 'False'}`;
  if (typeof value === 'number') return `== ${String(value)}`;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function needsLlm(criterion: Expectation): criterion is LlmCriterion {
  return criterion.kind === 'judge' || criterion.kind === 'goal_achieved';
}

/** How an expectation is named in reports and in calibration labels: as it is written in a profile. */
export function criterionLabel(criterion: Expectation): string {
  switch (criterion.kind) {
    case 'expression':
      return criterion.source;
    case 'judge':
      return `judge: ${criterion.text}`;
    case 'goal_achieved':
      return 'goal_achieved';
    case 'says':
      return `says: ${criterion.pattern}`;
    case 'never_says':
      return `never_says: ${criterion.pattern}`;
  }
}

export type ReadCriterion =
  { readonly ok: true; readonly criterion: Criterion } | { readonly ok: false; readonly message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function samplesOf(raw: Record<string, unknown>): { samples: number } | { message: string } {
  const value = raw['samples'];
  if (value === undefined) return { samples: 1 };
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_SAMPLES) {
    return { message: `samples must be a whole number from 1 to ${MAX_SAMPLES}, got ${JSON.stringify(value)}` };
  }
  return { samples: value };
}

/**
 * Reads one `expect:` item of the judge family as a profile writes it (`goal_achieved`,
 * `{judge: text, samples: 3}`, `{goal_achieved: true, samples: 3}`, `{says: regex}`,
 * `{never_says: regex}`). Undefined for any other item (an expression, for the check evaluator).
 */
export function readCriterion(item: unknown, span?: Span): ReadCriterion | undefined {
  if (typeof item === 'string' && item.trim() === 'goal_achieved')
    return { ok: true, criterion: Expectations.goalAchieved({ span }) };
  if (!isRecord(item)) return undefined;
  const present = CRITERION_FORMS.filter((name) => name in item);
  const form = present[0];
  if (form === undefined) return undefined;
  if (present.length > 1) return { ok: false, message: `one item is one expectation: ${present.join(' and ')} found` };
  const allowed = form === 'judge' || form === 'goal_achieved' ? [form, 'samples'] : [form];
  const extra = Object.keys(item).filter((key) => !allowed.includes(key));
  if (extra.length > 0)
    return {
      ok: false,
      message: `${form}: unknown key${extra.length === 1 ? '' : 's'} ${extra.join(', ')} (allowed: ${allowed.join(', ')})`,
    };
  const value = item[form];
  if (form === 'goal_achieved') {
    if (value !== true && value !== null)
      return {
        ok: false,
        message: 'goal_achieved takes no value: write "- goal_achieved", or "goal_achieved: true" beside samples:',
      };
    const samples = samplesOf(item);
    return 'message' in samples
      ? { ok: false, message: samples.message }
      : { ok: true, criterion: Expectations.goalAchieved({ samples: samples.samples, span }) };
  }
  if (typeof value !== 'string' || value.trim() === '')
    return { ok: false, message: `${form}: needs a non-empty text` };
  if (form === 'judge') {
    const samples = samplesOf(item);
    return 'message' in samples
      ? { ok: false, message: samples.message }
      : { ok: true, criterion: Expectations.judge(value, { samples: samples.samples, span }) };
  }
  const compiled = compileSearch(value);
  if (!compiled.ok) return { ok: false, message: `${form}: ${compiled.message}` };
  return {
    ok: true,
    criterion: form === 'says' ? Expectations.says(value, span) : Expectations.neverSays(value, span),
  };
}

export type ReadExpectation =
  { readonly ok: true; readonly expectation: Expectation } | { readonly ok: false; readonly message: string };

/**
 * Reads one `chatbot.expect` item: a criterion form (see readCriterion), or a text, which is an
 * expression. The expression's syntax and names are checked by validation, not here.
 */
export function readExpectation(item: unknown, span?: Span): ReadExpectation {
  const criterion = readCriterion(item, span);
  if (criterion !== undefined)
    return criterion.ok ? { ok: true, expectation: criterion.criterion } : { ok: false, message: criterion.message };
  if (typeof item === 'string' && item.trim() !== '')
    return { ok: true, expectation: Expectations.expression(item.trim(), span) };
  return {
    ok: false,
    message: `an expectation is an expression (text), or one of ${CRITERION_FORMS.join(', ')}`,
  };
}
