import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from '../../base/redaction.ts';
import type { Turn } from '../../conversation/types.ts';
import { combineReporters, type RunReporter } from './events.ts';
import { redactingReporter } from './redacting-reporter.ts';

const ref = { id: 'bench/0', testName: 'bench', index: 0 };
const turn: Turn = { role: 'assistant', text: 'your key is sk-secret-123', at: '2026-01-01T00:00:00.000Z' };

describe('the reporters of a run', () => {
  it('have only the hooks some reporter has: a turn no one shows is not prepared', () => {
    const ends: string[] = [];
    const plain: RunReporter = { onRunEnd: (totals) => ends.push(`a ${totals.finished}`) };
    const other: RunReporter = { onRunEnd: (totals) => ends.push(`b ${totals.finished}`) };
    const combined = combineReporters([plain, other]);
    expect('onTurn' in combined && combined.onTurn !== undefined).toBe(false);
    expect(combined.onConversationEnd === undefined).toBe(true);
    expect(redactingReporter(combined, new Redactor(['sk-secret-123'])).onTurn === undefined).toBe(true);
    combined.onRunEnd?.({ total: 1, finished: 1, running: 0, failed: 0, costUsd: 0, elapsedMs: 1 });
    expect(ends).toEqual(['a 1', 'b 1']);
  });

  it('show a reporter that has the hook each turn with the secrets removed', () => {
    const seen: string[] = [];
    const dialogue = combineReporters([{ onTurn: (_ref, shown) => seen.push(shown.text) }]);
    redactingReporter(dialogue, new Redactor(['sk-secret-123'])).onTurn?.(ref, turn);
    expect(seen).toEqual([`your key is ${REDACTED}`]);
  });
});
