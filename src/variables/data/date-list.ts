import type { Rng } from '../../base/random/rng.ts';
import { PlanError } from '../plan-error.ts';
import { countText, MAX_VARIABLE_VALUES } from '../plan-limits.ts';

/**
 * Sensei's `date:` generator, part by part and in Sensei's order: `random`, `set`,
 * `range`, `fake`, then `custom`. Dates are `d/m/y`: unpadded for `random` and `fake`,
 * zero-padded (`%d/%m/%Y`) for `set` and `range`, as Sensei writes them. "Today" comes from the
 * injected clock, read in UTC so a plan does not depend on the machine's time zone.
 */
export interface DateSpec {
  readonly random?: unknown;
  readonly set?: unknown;
  readonly range?: unknown;
  readonly fake?: unknown;
  readonly custom?: unknown;
}

const DAY_MS = 86_400_000;

function padded(ms: number): string {
  const d = new Date(ms);
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const yyyy = String(d.getUTCFullYear()).padStart(4, '0');
  return `${dd}/${mm}/${yyyy}`;
}

function parseDate(text: unknown, what: string): number {
  const match = typeof text === 'string' ? /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text) : null;
  if (!match)
    throw new PlanError(
      `date range ${what} must be a date like 25/12/2024 (day/month/year), not ${JSON.stringify(text)}`,
    );
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCDate() !== day || d.getUTCMonth() !== month - 1)
    throw new PlanError(`date range ${what} ${String(text)} is not a real date`);
  return ms;
}

function count(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  throw new PlanError(`date ${what} must be a whole number of dates, not ${JSON.stringify(value)}`);
}

/** A valid-looking date anywhere in years 0–3000 (Sensei's leap rule: every 4th year). */
function randomDate(rng: Rng): string {
  const year = rng.int(0, 3000);
  const month = rng.int(1, 12);
  const days = [1, 3, 5, 7, 8, 10, 12].includes(month) ? 31 : month === 2 ? (year % 4 === 0 ? 29 : 28) : 30;
  return `${rng.int(1, days)}/${month}/${year}`;
}

/** Different dates `fake` can make: days 29–99, months 13–99, years 2000–2099. */
export const FAKE_DATE_COUNT = 71 * 87 * 100;

function fakeDate(rng: Rng): string {
  return `${rng.int(29, 99)}/${rng.int(13, 99)}/${rng.int(2000, 2099)}`;
}

function rangeStep(step: unknown): { linspace: number } | { days: number } {
  const match = typeof step === 'string' ? /^\s*(linspace|day|month|year)\s*\(\s*(\d+)\s*\)\s*$/.exec(step) : null;
  if (!match)
    throw new PlanError(
      `date range step must be day(k), month(k), year(k) or linspace(k), not ${JSON.stringify(step)}`,
    );
  const unit = match[1];
  const k = Number(match[2]);
  if (unit === 'linspace') return { linspace: k };
  const days = unit === 'month' ? 30 * k : unit === 'year' ? 365 * k : k;
  if (days <= 0) throw new PlanError('date range step must be at least 1');
  return { days };
}

function rangeDates(range: Record<string, unknown>, rng: Rng): string[] {
  let start = parseDate(range['min'], 'min');
  const end = parseDate(range['max'], 'max');
  const step = range['step'];
  if (step !== undefined) {
    const parsed = rangeStep(step);
    if ('linspace' in parsed) {
      const k = parsed.linspace;
      const interval = k > 1 ? (end - start) / (k - 1) : 0;
      return Array.from({ length: k }, (_, i) => padded(start + Math.trunc(interval * i)));
    }
    const days = parsed.days;
    // Sensei keeps adding until it passes max, so the last date may lie after max.
    const out = [padded(start)];
    while (end > start) {
      start += days * DAY_MS;
      out.push(padded(start));
    }
    return out;
  }
  if (range['random'] !== undefined) {
    const n = count(range['random'], 'range random');
    const span = Math.floor((end - start) / DAY_MS);
    if (span < 0) throw new PlanError('date range min is after max');
    return Array.from({ length: n }, () => padded(start + rng.int(0, span) * DAY_MS));
  }
  throw new PlanError('a date range needs `step` or `random`');
}

function rangeSize(range: Record<string, unknown>): number {
  const start = parseDate(range['min'], 'min');
  const end = parseDate(range['max'], 'max');
  if (range['step'] !== undefined) {
    const parsed = rangeStep(range['step']);
    if ('linspace' in parsed) return parsed.linspace;
    return end > start ? 1 + Math.ceil((end - start) / (parsed.days * DAY_MS)) : 1;
  }
  if (range['random'] !== undefined) return count(range['random'], 'range random');
  throw new PlanError('a date range needs `step` or `random`');
}

/** How many dates a generator makes, computed without making them; undefined when it cannot make any. */
export function dateListSize(spec: DateSpec): number | undefined {
  try {
    let total = 0;
    if (spec.random !== undefined) total += count(spec.random, 'random');
    if (spec.set !== undefined) {
      const match = typeof spec.set === 'string' ? /^\s*[<>]\s*today\s*\(\s*(\d+)\s*\)\s*$/.exec(spec.set) : null;
      if (!match) return undefined;
      total += Number(match[1]);
    }
    if (spec.range !== undefined) {
      if (typeof spec.range !== 'object' || spec.range === null || Array.isArray(spec.range)) return undefined;
      total += rangeSize(spec.range as Record<string, unknown>);
    }
    if (spec.fake !== undefined) total += count(spec.fake, 'fake');
    if (spec.custom !== undefined) total += Array.isArray(spec.custom) ? spec.custom.length : 1;
    return total;
  } catch (error) {
    if (error instanceof PlanError) return undefined;
    throw error;
  }
}

export function dateList(spec: DateSpec, rng: Rng, now: Date): string[] {
  const size = dateListSize(spec) ?? 0;
  if (size > MAX_VARIABLE_VALUES) {
    throw new PlanError(
      `this date generator makes ${countText(size)} dates, more than the ${countText(MAX_VARIABLE_VALUES)} simsim expands for one variable`,
      { hint: 'Ask for fewer dates, or use a larger step.' },
    );
  }
  const out: string[] = [];
  if (spec.random !== undefined) {
    const n = count(spec.random, 'random');
    for (let i = 0; i < n; i++) out.push(randomDate(rng));
  }
  if (spec.set !== undefined) {
    const match = typeof spec.set === 'string' ? /^\s*([<>])\s*today\s*\(\s*(\d+)\s*\)\s*$/.exec(spec.set) : null;
    if (!match) throw new PlanError(`date set must be ">today(n)" or "<today(n)", not ${JSON.stringify(spec.set)}`);
    const sign = match[1] === '>' ? 1 : -1;
    const today = now.getTime();
    for (let i = 0; i < Number(match[2]); i++) out.push(padded(today + sign * rng.int(1, 365) * DAY_MS));
  }
  if (spec.range !== undefined) {
    if (typeof spec.range !== 'object' || spec.range === null || Array.isArray(spec.range))
      throw new PlanError('date range must be a map with min, max and step or random');
    out.push(...rangeDates(spec.range as Record<string, unknown>, rng));
  }
  if (spec.fake !== undefined) {
    const n = count(spec.fake, 'fake');
    if (n > FAKE_DATE_COUNT)
      throw new PlanError(
        `date fake: ${n} different fake dates asked for, but there are only ${countText(FAKE_DATE_COUNT)}`,
      );
    const fakes = new Set<string>();
    // Sensei appends a fresh date instead of the one it checked, so it can repeat; we keep the checked one.
    while (fakes.size < n) fakes.add(fakeDate(rng));
    out.push(...fakes);
  }
  if (spec.custom !== undefined) {
    const custom = Array.isArray(spec.custom) ? spec.custom : [spec.custom];
    out.push(...custom.map((c) => String(c)));
  }
  return out;
}
