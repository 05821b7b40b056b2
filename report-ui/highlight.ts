/** A piece of a turn's text, marked when it is quoted evidence. */
export interface Segment {
  readonly text: string;
  readonly mark: boolean;
}

/**
 * Splits `text` so every occurrence of each quote (case-insensitive) is a marked segment;
 * overlapping quotes merge into one mark.
 */
export function highlightSegments(text: string, quotes: readonly string[]): Segment[] {
  const lower = text.toLowerCase();
  const ranges: [number, number][] = [];
  for (const quote of quotes) {
    const q = quote.trim().toLowerCase();
    if (q === '') continue;
    for (let at = lower.indexOf(q); at >= 0; at = lower.indexOf(q, at + q.length)) ranges.push([at, at + q.length]);
  }
  if (ranges.length === 0) return [{ text, mark: false }];
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  const segments: Segment[] = [];
  let pos = 0;
  for (const [start, end] of merged) {
    if (start > pos) segments.push({ text: text.slice(pos, start), mark: false });
    segments.push({ text: text.slice(start, end), mark: true });
    pos = end;
  }
  if (pos < text.length) segments.push({ text: text.slice(pos), mark: false });
  return segments;
}
