import { describe, expect, it } from 'vitest';
import { wantsSpinner } from './run-reporter.ts';

describe('wantsSpinner', () => {
  const tty = (columns: number | undefined) => ({ write: () => true, isTTY: true, columns });
  it('only on an interactive terminal with a width, outside CI and --verbose', () => {
    expect(wantsSpinner(tty(120), {}, false)).toBe(true);
    expect(wantsSpinner(tty(0), {}, false)).toBe(false);
    expect(wantsSpinner(tty(undefined), {}, false)).toBe(false);
    expect(wantsSpinner(tty(120), { CI: 'true' }, false)).toBe(false);
    expect(wantsSpinner(tty(120), {}, true)).toBe(false);
    expect(wantsSpinner({ write: () => true, isTTY: false, columns: 120 }, {}, false)).toBe(false);
  });
});
