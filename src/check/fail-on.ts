import { UsageError } from '../base/errors.ts';

/**
 * What makes a run or a check exit 1: conversations that ended in errors, failed rules, flaky
 * conversations (a run with trials), or nothing.
 */
export interface FailOn {
  readonly errors: boolean;
  readonly rules: boolean;
  readonly flaky: boolean;
}

export type FailOnName = keyof FailOn;

const MEANINGS: Readonly<Record<FailOnName, string>> = {
  errors: 'conversations that ended in errors',
  rules: 'rules that failed',
  flaky: 'conversations that passed some of their trials and failed others',
};

/**
 * `--fail-on errors,rules` (a comma list of the names `allowed`), or `none`. `simsim run` allows
 * `flaky` too; `simsim check` has no trials, so it does not.
 */
export function parseFailOn(text: string, allowed: readonly FailOnName[] = ['errors', 'rules']): FailOn {
  const parts = text
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p !== '');
  if (parts.length === 1 && parts[0] === 'none') return { errors: false, rules: false, flaky: false };
  const unknown = parts.filter((p) => !(allowed as readonly string[]).includes(p));
  if (parts.length === 0 || unknown.length > 0) {
    throw new UsageError(`--fail-on ${text}: expected a comma list of ${allowed.join(', ')}, or none`, {
      hint: `${allowed.map((name) => `${name}: ${MEANINGS[name]}`).join('; ')}; none: always exit 0 for findings.`,
    });
  }
  return { errors: parts.includes('errors'), rules: parts.includes('rules'), flaky: parts.includes('flaky') };
}
