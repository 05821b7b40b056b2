import type { Verdict } from '../../src/report/report-data.ts';

/** Fill colours with at least 3:1 contrast on white (non-text contrast). */
export const VERDICT_COLORS: Readonly<Record<Verdict, string>> = {
  passed: '#1a7f37',
  failed: '#cf222e',
  error: '#bc4c00',
  inconclusive: '#9a6700',
  simulator_fault: '#8250df',
  interrupted: '#6e7781',
};

export const BAR_COLOR = '#0969da';
