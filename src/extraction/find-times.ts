import type { Candidate } from './candidate.ts';
import { strftime, toStrftime } from './strftime.ts';

/**
 * Times of day (`14:30`, `2:30 pm`, `2pm`, `noon`) and durations (`25 minutes`, `1 hour 15 min`),
 * both given as `HH:MM:SS` the way Sensei's hint asks, or in the output's own `time(fmt)`.
 */
const CLOCK =
  /(?<![\w:])([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(?:\s?([AaPp])\.?[Mm]\.?)?(?![\w:])|(?<![\w:.])(1[0-2]|0?[1-9])\s?([AaPp])\.?[Mm]\b\.?|\b(noon|midday|midnight)\b/gi;
const DURATION =
  /\b(\d+(?:\.\d+)?)\s*(hours?|hrs?|h)\b(?:\s*(?:and\s*)?(\d+)\s*(minutes?|mins?)\b)?|\b(\d+)\s*(?:-|to)\s*(\d+)\s*(minutes?|mins?)\b|\b(\d+)\s*(minutes?|mins?)\b|\b(\d+)\s*(seconds?|secs?)\b/gi;

export interface ClockTime {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function to24(hour: number, meridiem: string | undefined): number {
  if (meridiem === undefined) return hour;
  const pm = meridiem.toLowerCase() === 'p';
  if (hour === 12) return pm ? 12 : 0;
  return pm ? hour + 12 : hour;
}

export function formatClock(time: ClockTime, format: string | undefined): string {
  return strftime(toStrftime(format ?? '%H:%M:%S'), { year: 1900, month: 1, day: 1, ...time });
}

function clockFrom(match: RegExpMatchArray): ClockTime | undefined {
  const [, h, m, s, mer, h12, mer12, word] = match;
  if (word !== undefined)
    return word.toLowerCase() === 'midnight' ? { hour: 0, minute: 0, second: 0 } : { hour: 12, minute: 0, second: 0 };
  if (h12 !== undefined) return { hour: to24(Number(h12), mer12), minute: 0, second: 0 };
  const hour = Number(h);
  if (mer !== undefined && (hour < 1 || hour > 12)) return undefined;
  return { hour: to24(hour, mer), minute: Number(m), second: Number(s ?? 0) };
}

function durationFrom(match: RegExpMatchArray): ClockTime | undefined {
  const [, hours, , minutesAfterHours, , rangeLow, rangeHigh, , minutes, , seconds] = match;
  let total = 0;
  if (hours !== undefined) total = Number(hours) * 3600 + Number(minutesAfterHours ?? 0) * 60;
  // "20-30 minutes": the upper bound is what a customer plans for.
  else if (rangeLow !== undefined) total = Math.max(Number(rangeLow), Number(rangeHigh)) * 60;
  else if (minutes !== undefined) total = Number(minutes) * 60;
  else if (seconds !== undefined) total = Number(seconds);
  total = Math.round(total);
  if (total >= 24 * 3600) return undefined;
  return { hour: Math.floor(total / 3600), minute: Math.floor((total % 3600) / 60), second: total % 60 };
}

export function findClockTimes(text: string): { time: ClockTime; raw: string; index: number }[] {
  const found: { time: ClockTime; raw: string; index: number }[] = [];
  for (const match of text.matchAll(CLOCK)) {
    const time = clockFrom(match);
    if (time) found.push({ time, raw: match[0], index: match.index });
  }
  return found;
}

export function findTimes(text: string, format: string | undefined): Candidate[] {
  const found: Candidate[] = findClockTimes(text).map((c) => ({
    value: formatClock(c.time, format),
    raw: c.raw,
    index: c.index,
  }));
  for (const match of text.matchAll(DURATION)) {
    const time = durationFrom(match);
    if (time) found.push({ value: formatClock(time, format), raw: match[0], index: match.index });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Reads one time written any way we can find it; undefined when there is none. */
export function parseTime(text: string, format: string | undefined): string | undefined {
  const value = findTimes(text, format)[0]?.value;
  return typeof value === 'string' ? value : undefined;
}
