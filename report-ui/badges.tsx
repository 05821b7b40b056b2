import type { Verdict } from '../src/report/report-data.ts';
import { VERDICT_LABELS } from './format.ts';

export function VerdictBadge({ verdict }: { verdict: Verdict | 'pass' | 'fail' | 'not_applicable' }) {
  const label =
    verdict === 'pass'
      ? 'pass'
      : verdict === 'fail'
        ? 'fail'
        : verdict === 'not_applicable'
          ? 'not applicable'
          : VERDICT_LABELS[verdict];
  return <span class={`badge badge-${verdict}`}>{label}</span>;
}
