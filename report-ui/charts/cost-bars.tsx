import type { ReportProfile } from '../../src/report/report-data.ts';
import { usd } from '../format.ts';
import { BAR_COLOR } from './colors.ts';

const ROW = 26;
const LABEL = 180;
const WIDTH = 760;

/** LLM spend per profile; hidden when nothing was spent (an offline run) or no price is known. */
export function CostBars({ profiles }: { profiles: readonly ReportProfile[] }) {
  const priced = profiles.filter((p) => p.costUsd !== null);
  const max = Math.max(0, ...priced.map((p) => p.costUsd ?? 0));
  if (max === 0) return null;
  const plot = WIDTH - LABEL - 90;
  return (
    <figure class="chart">
      <figcaption id="chart-cost">LLM cost per profile</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${profiles.length * ROW + 8}`} width={WIDTH} role="img" aria-labelledby="chart-cost">
        {profiles.map((p, row) => {
          const y = row * ROW + 4;
          const w = ((p.costUsd ?? 0) / max) * plot;
          return (
            <g key={p.name}>
              <text x={LABEL - 8} y={y + ROW / 2} text-anchor="end" dominant-baseline="middle" class="axis-label">
                {p.name}
              </text>
              <rect x={LABEL} y={y + 4} width={Math.max(w, 1)} height={ROW - 10} fill={BAR_COLOR}>
                <title>{`${p.name}: ${usd(p.costUsd)}`}</title>
              </rect>
              <text x={LABEL + w + 6} y={y + ROW / 2} dominant-baseline="middle" class="axis-label">
                {usd(p.costUsd)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
