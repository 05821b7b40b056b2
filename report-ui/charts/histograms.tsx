import type { ReportProfile } from '../../src/report/report-data.ts';
import { seconds } from '../format.ts';
import { BAR_COLOR } from './colors.ts';

const W = 240;
const H = 110;
const PAD = 18;

/** The chatbot's response times per profile: one small histogram each, on the same bins. */
export function ResponseHistograms({
  profiles,
  bins,
}: {
  profiles: readonly ReportProfile[];
  bins: readonly number[];
}) {
  const shown = profiles.filter((p) => p.responseTimes !== null);
  if (bins.length === 0 || shown.length === 0) return null;
  const last = bins[bins.length - 1] ?? 0;
  return (
    <figure class="chart">
      <figcaption id="chart-times">
        Chatbot response time per profile (0 to {seconds(last)}; the last bar holds anything slower)
      </figcaption>
      <div class="multiples">
        {shown.map((p) => {
          const max = Math.max(1, ...p.responseHistogram);
          const bw = (W - PAD) / bins.length;
          const label = `${p.name}: median ${seconds(p.responseTimes?.median)}, 90th percentile ${seconds(p.responseTimes?.p90)}, slowest ${seconds(p.responseTimes?.max)}`;
          return (
            <svg key={p.name} viewBox={`0 0 ${W} ${H + PAD}`} role="img" aria-label={label} class="multiple">
              <text x={PAD} y={12} class="axis-label">
                {p.name}
              </text>
              {p.responseHistogram.map((n, i) => {
                const h = (n / max) * (H - 24);
                const lo = i === 0 ? 0 : (bins[i - 1] ?? 0);
                return (
                  <rect key={i} x={PAD + i * bw + 1} y={H - h} width={bw - 2} height={h} fill={BAR_COLOR}>
                    <title>{`${n} replies from ${seconds(lo)} to ${i === bins.length - 1 ? 'slower' : seconds(bins[i])}`}</title>
                  </rect>
                );
              })}
              <line x1={PAD} x2={W} y1={H} y2={H} class="axis" />
              <text x={PAD} y={H + 14} class="axis-label">
                0
              </text>
              <text x={W} y={H + 14} text-anchor="end" class="axis-label">
                {seconds(last)}
              </text>
            </svg>
          );
        })}
      </div>
    </figure>
  );
}
