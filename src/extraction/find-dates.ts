import { createRequire } from 'node:module';
import type * as Chrono from 'chrono-node';

// chrono-node takes ~90 ms to load: load it on the first date to read, not at start-up.
let chronoModule: typeof Chrono | undefined;
const chrono = (): typeof Chrono => (chronoModule ??= createRequire(import.meta.url)('chrono-node') as typeof Chrono);
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

const ONLY_CLOCK = /\b(minutes?|mins?|hours?|hrs?|seconds?|secs?|minutos?|horas?|segundos?)\b/i;
const HAS_DAYS = /\b(days?|weeks?|months?|years?|d[ií]as?|semanas?|mes(es)?|años?)\b/iu;

export function formatDate(date: Date, format: string | undefined): string {
  return strftime(toStrftime(format ?? '%Y-%m-%d'), wallTimeOf(date));
}

/** English first, then Spanish (much of Sensei's material is Spanish); overlapping finds keep the first. */
function parsers(monthFirst: boolean | undefined): Chrono.Chrono[] {
  const { en, es } = chrono();
  return [monthFirst ? en.casual : en.GB, es.casual];
}

export function findDates(text: string, format: string | undefined, options: DateOptions): Candidate[] {
  const found: Candidate[] = [];
  const overlaps = (index: number, length: number) =>
    found.some((c) => index < c.index + c.raw.length && c.index < index + length);
  for (const parser of parsers(options.monthFirst)) {
    for (const result of parser.parse(text, options.now, { forwardDate: true })) {
      const { start } = result;
      if (!start.isCertain('day') && !start.isCertain('weekday')) continue;
      if (ONLY_CLOCK.test(result.text) && !HAS_DAYS.test(result.text)) continue;
      if (overlaps(result.index, result.text.length)) continue;
      found.push({ value: formatDate(start.date(), format), raw: result.text, index: result.index });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

export function parseDate(text: string, format: string | undefined, options: DateOptions): string | undefined {
  const value = findDates(text, format, options)[0]?.value;
  return typeof value === 'string' ? value : undefined;
}
