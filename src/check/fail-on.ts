import { UsageError } from '../base/errors.ts';

/** What makes a run or a check exit 1: conversations that ended in errors, failed rules, or nothing. */
export interface FailOn {
  readonly errors: boolean;
  readonly rules: boolean;
}

/** `--fail-on errors,rules` (a comma list of `errors` and `rules`), or `none`. */
export function parseFailOn(text: string): FailOn {
  const parts = text
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p !== '');
  if (parts.length === 1 && parts[0] === 'none') return { errors: false, rules: false };
  const unknown = parts.filter((p) => p !== 'errors' && p !== 'rules');
  if (parts.length === 0 || unknown.length > 0) {
    throw new UsageError(`--fail-on ${text}: expected errors, rules, errors,rules or none`, {
      hint: 'errors: conversations that ended in errors; rules: rules that failed; none: always exit 0 for findings.',
    });
  }
  return { errors: parts.includes('errors'), rules: parts.includes('rules') };
}
