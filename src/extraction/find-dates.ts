import * as chrono from 'chrono-node';
import type { Candidate } from './candidate.ts';
import { strftime, toStrftime, wallTimeOf } from './strftime.ts';

/**
 * Calendar dates, absolute (`6/11/2024`, `2024-11-06`, `March 5th`) or relative (`tomorrow`,
 * `in 3 days`, `next Monday`), resolved against the run's clock. Numeric dates are read day
 * first, like simsim's built-in `date` type describes them, unless `monthFirst` is set.
 */
export interface DateOptions {
  readonly now: Date;
  readonly monthFirst?: boolean | undefined;
}

const ONLY_CLOCK = /\b(minutes?|mins?|hours?|hrs?|seconds?|secs?)\b/i;
const HAS_DAYS = /\b(days?|weeks?|months?|years?)\b/i;

export function formatDate(date: Date, format: string | undefined): string {
  return strftime(toStrftime(format ?? '%Y-%m-%d'), wallTimeOf(date));
}

export function findDates(text: string, format: string | undefined, options: DateOptions): Candidate[] {
  const parser = options.monthFirst ? chrono.en.casual : chrono.en.GB;
  const found: Candidate[] = [];
  for (const result of parser.parse(text, options.now, { forwardDate: true })) {
    const { start } = result;
    if (!start.isCertain('day') && !start.isCertain('weekday')) continue;
    if (ONLY_CLOCK.test(result.text) && !HAS_DAYS.test(result.text)) continue;
    found.push({ value: formatDate(start.date(), format), raw: result.text, index: result.index });
  }
  return found;
}

export function parseDate(text: string, format: string | undefined, options: DateOptions): string | undefined {
  const value = findDates(text, format, options)[0]?.value;
  return typeof value === 'string' ? value : undefined;
}
