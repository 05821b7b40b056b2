import { UsageError } from '../base/errors.ts';
import type { FailOn } from '../model/run-settings.ts';

export type { FailOn } from '../model/run-settings.ts';

const NAMES = {
  errors: 'errors',
  rules: 'rules',
  expectations: 'expectations',
  inconclusive: 'inconclusive',
  simulator_faults: 'simulatorFaults',
  flaky: 'flaky',
} as const satisfies Record<string, keyof FailOn>;

export const NO_FAIL_ON: FailOn = {
  errors: false,
  rules: false,
  expectations: false,
  inconclusive: false,
  simulatorFaults: false,
  flaky: false,
};

/** `--fail-on errors,rules,expectations` (a comma list of errors, rules, expectations, inconclusive, simulator_faults, flaky), or `none`. */
export function parseFailOn(text: string): FailOn {
  const parts = text
    .split(',')
    .map((p) => p.trim().toLowerCase().replace(/-/g, '_'))
    .filter((p) => p !== '');
  if (parts.length === 1 && parts[0] === 'none') return NO_FAIL_ON;
  const unknown = parts.filter((p) => !(p in NAMES));
  if (parts.length === 0 || unknown.length > 0) {
    throw new UsageError(`--fail-on ${text}: expected a comma list of ${Object.keys(NAMES).join(', ')}, or none`, {
      hint: 'errors: conversations that ended in errors; rules: rules that failed; expectations: conversations that failed an expectation; inconclusive: conversations no verdict could be reached for; simulator_faults: conversations the simulated user spoiled; flaky: conversations that passed some of their trials and failed others; none: always exit 0 for findings.',
    });
  }
  const chosen = new Set(parts.map((p) => NAMES[p as keyof typeof NAMES]));
  return {
    errors: chosen.has('errors'),
    rules: chosen.has('rules'),
    expectations: chosen.has('expectations'),
    inconclusive: chosen.has('inconclusive'),
    simulatorFaults: chosen.has('simulatorFaults'),
    flaky: chosen.has('flaky'),
  };
}
