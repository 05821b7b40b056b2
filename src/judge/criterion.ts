import { compileSearch } from './pattern.ts';

/** Judged by an LLM: a criterion in plain words, or whether the user got what it came for. */
export type LlmCriterion =
  | { readonly kind: 'judge'; readonly text: string; readonly samples: number }
  | { readonly kind: 'goal_achieved'; readonly samples: number };

/** Checked offline with a Python regular expression, searched in every chatbot message. */
export type PatternCriterion = { readonly kind: 'says' | 'never_says'; readonly pattern: string };

export type Criterion = LlmCriterion | PatternCriterion;

/** More samples than this is a typo, not a judging strategy (and multiplies the judge's cost). */
export const MAX_SAMPLES = 15;

export function needsLlm(criterion: Criterion): criterion is LlmCriterion {
  return criterion.kind === 'judge' || criterion.kind === 'goal_achieved';
}

/** How a criterion is named in reports and in calibration labels: as it is written in a profile. */
export function criterionLabel(criterion: Criterion): string {
  switch (criterion.kind) {
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

const FORMS = ['judge', 'goal_achieved', 'says', 'never_says'] as const;

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
export function readCriterion(item: unknown): ReadCriterion | undefined {
  if (item === 'goal_achieved') return { ok: true, criterion: { kind: 'goal_achieved', samples: 1 } };
  if (!isRecord(item)) return undefined;
  const form = FORMS.find((name) => name in item);
  if (form === undefined) return undefined;
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
      : { ok: true, criterion: { kind: 'goal_achieved', samples: samples.samples } };
  }
  if (typeof value !== 'string' || value.trim() === '')
    return { ok: false, message: `${form}: needs a non-empty text` };
  if (form === 'judge') {
    const samples = samplesOf(item);
    return 'message' in samples
      ? { ok: false, message: samples.message }
      : { ok: true, criterion: { kind: 'judge', text: value.trim(), samples: samples.samples } };
  }
  const compiled = compileSearch(value);
  if (!compiled.ok) return { ok: false, message: `${form}: ${compiled.message}` };
  return { ok: true, criterion: { kind: form, pattern: value } };
}
