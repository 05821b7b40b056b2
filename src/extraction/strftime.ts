/**
 * Python's strftime for the directives `time(fmt)`/`date(fmt)` outputs use. Unknown directives
 * are kept as written, the way a reader would expect to see them.
 */
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A wall-clock date and time, free of time zones. */
export interface WallTime {
  readonly year: number;
  /** 1-12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

export function wallTimeOf(date: Date): WallTime {
  return {
    year: date.getFullYear(),
    month: date.getMonth() + 1,
    day: date.getDate(),
    hour: date.getHours(),
    minute: date.getMinutes(),
    second: date.getSeconds(),
  };
}

function weekday(t: WallTime): number {
  return new Date(Date.UTC(t.year, t.month - 1, t.day)).getUTCDay();
}

export function strftime(format: string, t: WallTime): string {
  return format.replace(/%([a-zA-Z%])/g, (whole, directive: string) => {
    const hour12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
    switch (directive) {
      case 'Y':
        return String(t.year);
      case 'y':
        return pad(t.year % 100);
      case 'm':
        return pad(t.month);
      case 'd':
        return pad(t.day);
      case 'B':
        return MONTHS[t.month - 1] ?? '';
      case 'b':
        return (MONTHS[t.month - 1] ?? '').slice(0, 3);
      case 'A':
        return DAYS[weekday(t)] ?? '';
      case 'a':
        return (DAYS[weekday(t)] ?? '').slice(0, 3);
      case 'H':
        return pad(t.hour);
      case 'I':
        return pad(hour12);
      case 'M':
        return pad(t.minute);
      case 'S':
        return pad(t.second);
      case 'p':
        return t.hour < 12 ? 'AM' : 'PM';
      case 'f':
        return '000000';
      case '%':
        return '%';
      default:
        return whole;
    }
  });
}

/**
 * Formats written the way Sensei's prompt hints write them (`hh:mm:ss`, `month/day/year`,
 * `HH:MM`, `dd/mm/yyyy`) are turned into strftime; a format with `%` is used as is.
 */
export function toStrftime(format: string): string {
  if (format.includes('%')) return format;
  return format
    .replace(/\byyyy\b|\byear\b/gi, '%Y')
    .replace(/\byy\b/gi, '%y')
    .replace(/\bmonth\b/gi, '%m')
    .replace(/\bday\b|\bdd\b/gi, '%d')
    .replace(/\bhh\b/gi, '%H')
    .replace(/(%H:)mm\b/gi, '$1%M')
    .replace(/\bmm\b/g, '%m')
    .replace(/\bMM\b/g, '%M')
    .replace(/\bss\b/gi, '%S');
}
