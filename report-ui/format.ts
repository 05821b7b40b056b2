import type { Verdict } from '../src/report/report-data.ts';

export function usd(value: number | null): string {
  if (value === null) return 'unknown';
  if (value === 0) return '$0';
  return value < 0.01 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}

export function seconds(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (value < 1) return `${Math.round(value * 1000)} ms`;
  if (value < 120) return `${value.toFixed(value < 10 ? 2 : 1)} s`;
  const minutes = Math.floor(value / 60);
  return `${minutes} min ${Math.round(value - minutes * 60)} s`;
}

export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return `${(value * 100).toFixed(value === 1 || value === 0 ? 0 : 1)}%`;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  passed: 'passed',
  failed: 'failed',
  error: 'error',
  inconclusive: 'inconclusive',
  simulator_fault: 'simulator fault',
  interrupted: 'interrupted',
};

/** Any output or variable value, as a short text. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  const record = value as Record<string, unknown>;
  if (typeof record['value'] === 'number' && typeof record['currency'] === 'string')
    return `${record['currency']}${String(record['value'])}`;
  return JSON.stringify(value);
}
