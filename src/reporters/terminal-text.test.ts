import { describe, expect, it } from 'vitest';
import { terminalSafe } from './terminal-text.ts';

describe('terminalSafe', () => {
  it('escapes control, C1 and bidi characters, and keeps newlines, tabs and ordinary Unicode', () => {
    expect(terminalSafe('\u001b[2J\u001b]0;title\u0007red\rover\u0008')).toBe(
      '\\x1b[2J\\x1b]0;title\\x07red\\x0dover\\x08',
    );
    expect(terminalSafe('abc\u202edcba \u2066x\u2069 \u009b31m')).toBe('abc\\u202edcba \\u2066x\\u2069 \\x9b31m');
    expect(terminalSafe('línea 1\n\tpizza 🍕 👩‍🍳 مرحبا')).toBe('línea 1\n\tpizza 🍕 👩‍🍳 مرحبا');
  });
});
