import type { Diagnostic } from '../base/diagnostics/diagnostic.ts';
import { terminalSafe } from './terminal-text.ts';
import type { RunTotals } from '../app/run/events.ts';

export function money(usd: number | null): string {
  return usd === null ? 'cost unknown' : `$${usd.toFixed(4)}`;
}

export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** `12/40 done · 2 running · 1 failed · $0.0123 · ETA 1m05s` */
export function progressLine(t: RunTotals): string {
  const parts = [`${t.finished}/${t.total} done`, `${t.running} running`, `${t.failed} failed`, money(t.costUsd)];
  if (t.finished > 0 && t.finished < t.total)
    parts.push(`ETA ${duration((t.elapsedMs / t.finished) * (t.total - t.finished))}`);
  return parts.join(' · ');
}

/** One warning of a run on one line: what it says, then where (file:line:col). */
export function warningLine(warning: Diagnostic): string {
  return `warning: ${terminalSafe(warning.message)} (${terminalSafe(`${warning.file}:${warning.line}:${warning.column}`)})`;
}
