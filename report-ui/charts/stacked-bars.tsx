import { VERDICTS, type ReportProfile } from '../../src/report/report-data.ts';
import { VERDICT_LABELS, count } from '../format.ts';
import { VERDICT_COLORS } from './colors.ts';

const ROW = 28;
const LABEL = 180;
const WIDTH = 760;

/** Verdicts per profile: one horizontal bar per profile, split by verdict, as shares of its conversations. */
export function VerdictBars({ profiles }: { profiles: readonly ReportProfile[] }) {
  const present = VERDICTS.filter((v) => profiles.some((p) => p.verdicts[v] > 0));
  const height = profiles.length * ROW + 8;
  const plot = WIDTH - LABEL - 60;
  return (
    <figure class="chart">
      <figcaption id="chart-verdicts">Verdicts per profile</figcaption>
      <ul class="legend" aria-label="legend">
        {present.map((v) => (
          <li key={v}>
            <span class="swatch" style={{ background: VERDICT_COLORS[v] }} />
            {VERDICT_LABELS[v]}
          </li>
        ))}
      </ul>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} role="img" aria-labelledby="chart-verdicts">
        {profiles.map((p, row) => {
          let x = LABEL;
          const y = row * ROW + 4;
          return (
            <g key={p.name}>
              <text x={LABEL - 8} y={y + ROW / 2} text-anchor="end" dominant-baseline="middle" class="axis-label">
                {p.name}
              </text>
              {present.map((v) => {
                const n = p.verdicts[v];
                if (n === 0 || p.conversations === 0) return null;
                const w = (n / p.conversations) * plot;
                const rect = (
                  <rect key={v} x={x} y={y + 3} width={Math.max(w, 1)} height={ROW - 8} fill={VERDICT_COLORS[v]}>
                    <title>{`${p.name}: ${n} ${VERDICT_LABELS[v]}`}</title>
                  </rect>
                );
                x += w;
                return rect;
              })}
              <text x={LABEL + plot + 6} y={y + ROW / 2} dominant-baseline="middle" class="axis-label">
                {count(p.conversations)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
