import { useState } from 'preact/hooks';
import type { CoverageMap } from '../../src/report/report-data.ts';

const CELL = 34;
const LABEL = 150;

function fill(played: number, passed: number): string {
  if (played === 0) return '#f6f8fa';
  const rate = passed / played;
  // From red (none passed) through amber to green (all passed), all dark enough for white text.
  if (rate >= 0.999) return '#1a7f37';
  if (rate >= 0.5) return '#9a6700';
  return '#cf222e';
}

function truncate(text: string, n = 22): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

/** Which pairs of variable values a profile played, and how they fared; one pair of variables at a time. */
export function CoverageHeatmap({ maps }: { maps: readonly CoverageMap[] }) {
  const options = maps.flatMap((m, mi) =>
    m.pairs.map((p, pi) => ({
      key: `${mi}:${pi}`,
      map: m,
      pair: p,
      label: `${m.profile}: ${m.variables[p.a]?.name ?? ''} × ${m.variables[p.b]?.name ?? ''}`,
    })),
  );
  const [selected, setSelected] = useState(options[0]?.key ?? '');
  const current = options.find((o) => o.key === selected) ?? options[0];
  if (!current) return null;
  const a = current.map.variables[current.pair.a];
  const b = current.map.variables[current.pair.b];
  if (!a || !b) return null;
  const cells = new Map(current.pair.cells.map((c) => [`${c[0]},${c[1]}`, c]));
  const width = LABEL + b.values.length * CELL + 70;
  const height = 80 + a.values.length * CELL;
  return (
    <figure class="chart">
      <figcaption id="chart-coverage">
        Coverage of variable value pairs: how many conversations played each pair, coloured by how many passed
      </figcaption>
      <label>
        Variables{' '}
        <select value={current.key} onChange={(e) => setSelected(e.currentTarget.value)}>
          {options.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <ul class="legend" aria-label="legend">
        <li>
          <span class="swatch" style={{ background: '#1a7f37' }} />
          all passed
        </li>
        <li>
          <span class="swatch" style={{ background: '#9a6700' }} />
          half or more passed
        </li>
        <li>
          <span class="swatch" style={{ background: '#cf222e' }} />
          fewer than half passed
        </li>
        <li>
          <span class="swatch swatch-empty" />
          not played
        </li>
      </ul>
      <div class="scroll-x">
        <svg
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          role="img"
          aria-labelledby="chart-coverage"
        >
          {b.values.map((v, j) => (
            <text key={v} transform={`translate(${LABEL + j * CELL + CELL / 2}, 74) rotate(-40)`} class="axis-label">
              {truncate(v, 14)}
              <title>{`${b.name} = ${v}`}</title>
            </text>
          ))}
          {a.values.map((va, i) => (
            <g key={va}>
              <text
                x={LABEL - 6}
                y={80 + i * CELL + CELL / 2}
                text-anchor="end"
                dominant-baseline="middle"
                class="axis-label"
              >
                {truncate(va)}
                <title>{`${a.name} = ${va}`}</title>
              </text>
              {b.values.map((vb, j) => {
                const cell = cells.get(`${i},${j}`);
                const played = cell?.[2] ?? 0;
                const passed = cell?.[3] ?? 0;
                return (
                  <g key={vb}>
                    <rect
                      x={LABEL + j * CELL}
                      y={80 + i * CELL}
                      width={CELL - 2}
                      height={CELL - 2}
                      fill={fill(played, passed)}
                      class={played === 0 ? 'cell-empty' : ''}
                    >
                      <title>{`${a.name} = ${va}, ${b.name} = ${vb}: ${played === 0 ? 'not played' : `${passed} of ${played} passed`}`}</title>
                    </rect>
                    {played > 0 ? (
                      <text
                        x={LABEL + j * CELL + (CELL - 2) / 2}
                        y={80 + i * CELL + (CELL - 2) / 2}
                        text-anchor="middle"
                        dominant-baseline="middle"
                        class="cell-label"
                      >
                        {played}
                      </text>
                    ) : null}
                  </g>
                );
              })}
            </g>
          ))}
        </svg>
      </div>
    </figure>
  );
}
