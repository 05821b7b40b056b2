#!/usr/bin/env node
// Pairwise generator benchmark: rows and time for the classic models, beside PICT's published
// sizes (pairwise.org efficiency table). Needs `npm run build` first (npm run bench does it).
// Time is the median of 5 runs on one core after one warm-up call; the first (cold) run is shown too.
import { pairwiseRows } from '../dist/variables/pairwise/generate.js';
import { countMissingPairs } from '../dist/variables/pairwise/pair-space.js';

const MODELS = [
  // model, PICT published size (or pict-wasm's default size where PICT published none), our target
  ['3^4', 9, 9, 50],
  ['3^13', 18, 18, 50],
  ['4^15 3^17 2^29', 37, 37, 50],
  ['4^1 3^39 2^35', 27, 27, 50],
  ['2^100', 15, 15, 50],
  ['10^20', 210, 200, 1000],
  ['5^10', '46*', 46, 50],
  ['6^10', '64*', 64, 50],
];

const spec = (text) =>
  text.split(' ').flatMap((token) => {
    const [v, k] = token.split('^').map(Number);
    return Array(k).fill(v);
  });

function time(levels) {
  const start = process.hrtime.bigint();
  const rows = pairwiseRows(levels);
  return { rows, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

pairwiseRows(spec('4^3 3^3 2^2'));
const lines = [];
let failed = false;
for (const [model, pict, maxRows, maxMs] of MODELS) {
  const levels = spec(model);
  const cold = time(levels);
  const times = [cold.ms];
  for (let i = 0; i < 4; i++) times.push(time(levels).ms);
  times.sort((a, b) => a - b);
  const median = times[2];
  const missing = countMissingPairs(levels, cold.rows);
  const ok = missing === 0 && cold.rows.length <= maxRows && median <= maxMs;
  if (!ok) failed = true;
  lines.push([
    model,
    String(cold.rows.length),
    median.toFixed(1),
    cold.ms.toFixed(1),
    String(pict),
    `≤${maxRows} rows, <${maxMs} ms`,
    missing === 0 ? 'all pairs' : `${missing} MISSING`,
    ok ? 'ok' : 'MISSED',
  ]);
}
const header = ['model', 'rows', 'ms (median)', 'ms (cold)', 'PICT', 'target', 'coverage', ''];
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
const fmt = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log('pairwise: our generator vs PICT (* = pict-wasm 3.7.4 default; PICT published no size)');
console.log(fmt(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const line of lines) console.log(fmt(line));
process.exitCode = failed ? 1 : 0;
