import { codePoints } from '../expression/conversions.ts';
import { PyException, shortTypeName, typeError, valueError, type PyValue } from '../expression/values.ts';

/**
 * The four ways Sensei's `repeated_answers` compares two chatbot messages, computed the way its
 * Python libraries do: scikit-learn's TfidfVectorizer with its defaults plus cosine similarity,
 * word-set Jaccard, difflib's SequenceMatcher ratio, and plain equality.
 */
export type Similarity = (a: PyValue, b: PyValue) => number;

function text(value: PyValue, method: string): string {
  if (typeof value !== 'string')
    throw new PyException(
      'AttributeError',
      `'${shortTypeName(value)}' object has no attribute 'lower' (${method} compares text)`,
    );
  return value;
}

// scikit-learn's default token_pattern (?u)\b\w\w+\b: runs of two or more word characters.
const TOKEN = /[\p{L}\p{N}_]{2,}/gu;

const byCodePoint = (a: string, b: string): number => {
  // UTF-16 order is code point order unless a surrogate pair is involved.
  if (!ASTRAL.test(a) && !ASTRAL.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  const x = codePoints(a);
  const y = codePoints(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
};

function l2(vector: number[]): number[] {
  let sum = 0;
  for (const v of vector) sum += v * v;
  if (sum === 0) return vector;
  const norm = Math.sqrt(sum);
  return vector.map((v) => v / norm);
}

/** TfidfVectorizer() fitted on the two texts (smooth idf, l2 norm), then cosine_similarity. */
export function tfidfCosine(a: PyValue, b: PyValue): number {
  const docs = [text(a, 'tf-idf').toLowerCase(), text(b, 'tf-idf').toLowerCase()];
  const counts = docs.map((doc) => {
    const map = new Map<string, number>();
    for (const token of doc.match(TOKEN) ?? []) map.set(token, (map.get(token) ?? 0) + 1);
    return map;
  });
  const vocabulary = [...new Set(counts.flatMap((c) => [...c.keys()]))].sort(byCodePoint);
  if (vocabulary.length === 0) throw valueError('empty vocabulary; perhaps the documents only contain stop words');
  const n = docs.length;
  const idf = vocabulary.map((term) => {
    const df = counts.filter((c) => c.has(term)).length;
    return Math.log((1 + n) / (1 + df)) + 1;
  });
  const [x, y] = counts.map((c) => l2(l2(vocabulary.map((term, i) => (c.get(term) ?? 0) * (idf[i] ?? 0)))));
  let dot = 0;
  for (let i = 0; i < vocabulary.length; i++) dot += (x?.[i] ?? 0) * (y?.[i] ?? 0);
  return dot;
}

/** |A ∩ B| / |A ∪ B| over the lowercased whitespace-separated words; two empty texts divide by zero, as in Python. */
export function jaccard(a: PyValue, b: PyValue): number {
  const words = (v: PyValue) =>
    new Set(
      text(v, 'jaccard')
        .toLowerCase()
        .split(/\s+/u)
        .filter((w) => w !== ''),
    );
  const x = words(a);
  const y = words(b);
  const union = new Set([...x, ...y]).size;
  if (union === 0) throw new PyException('ZeroDivisionError', 'division by zero');
  return [...x].filter((w) => y.has(w)).length / union;
}

export function exactSimilarity(a: PyValue, b: PyValue): number {
  return typeof a === typeof b && a === b ? 1.0 : 0.0;
}

/** The text's characters by index: the string itself, or its code points when it has astral characters. */
function elements(value: PyValue): string | string[] {
  if (typeof value !== 'string') throw typeError(`object of type '${shortTypeName(value)}' has no len()`);
  return ASTRAL.test(value) ? codePoints(value) : value;
}

const ASTRAL = /[\uD800-\uDFFF]/;

/** difflib.SequenceMatcher(None, a, b).ratio(), with its autojunk heuristic for b of 200+ elements. */
export function sequenceMatcherRatio(a: PyValue, b: PyValue): number {
  const x = elements(a);
  const y = elements(b);
  const b2j = new Map<string, number[]>();
  for (let j = 0; j < y.length; j++) {
    const element = y[j] ?? '';
    const list = b2j.get(element);
    if (list) list.push(j);
    else b2j.set(element, [j]);
  }
  if (y.length >= 200) {
    const limit = Math.floor(y.length / 100) + 1;
    for (const [element, indices] of [...b2j]) if (indices.length > limit) b2j.delete(element);
  }
  // difflib keeps the run lengths of the previous row of a in a dict; two stamped arrays do the same job.
  let prevLen = new Int32Array(y.length + 1);
  let prevStamp = new Int32Array(y.length + 1).fill(-2);
  let curLen = new Int32Array(y.length + 1);
  let curStamp = new Int32Array(y.length + 1).fill(-2);
  let row = 0;
  const longest = (alo: number, ahi: number, blo: number, bhi: number): [number, number, number] => {
    let besti = alo;
    let bestj = blo;
    let bestsize = 0;
    row += 2;
    for (let i = alo; i < ahi; i++) {
      row++;
      const indices = b2j.get(x[i] ?? '');
      if (indices) {
        for (const j of indices) {
          if (j < blo) continue;
          if (j >= bhi) break;
          const k = (j > 0 && prevStamp[j - 1] === row - 1 ? (prevLen[j - 1] ?? 0) : 0) + 1;
          curLen[j] = k;
          curStamp[j] = row;
          if (k > bestsize) {
            besti = i - k + 1;
            bestj = j - k + 1;
            bestsize = k;
          }
        }
      }
      [prevLen, curLen] = [curLen, prevLen];
      [prevStamp, curStamp] = [curStamp, prevStamp];
    }
    // No element is junk (isjunk is None), so the popular ones still extend a match.
    while (besti > alo && bestj > blo && x[besti - 1] === y[bestj - 1]) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && x[besti + bestsize] === y[bestj + bestsize]) bestsize++;
    return [besti, bestj, bestsize];
  };
  let matches = 0;
  const queue: [number, number, number, number][] = [[0, x.length, 0, y.length]];
  while (queue.length > 0) {
    const [alo, ahi, blo, bhi] = queue.pop() as [number, number, number, number];
    const [i, j, k] = longest(alo, ahi, blo, bhi);
    if (k === 0) continue;
    matches += k;
    if (alo < i && blo < j) queue.push([alo, i, blo, j]);
    if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
  }
  const length = x.length + y.length;
  return length === 0 ? 1.0 : (2.0 * matches) / length;
}

/** Sensei's method names (any case); anything else means exact equality. */
export function similarityFor(method: string): Similarity {
  switch (method.toLowerCase()) {
    case 'tf-idf':
      return tfidfCosine;
    case 'jaccard':
      return jaccard;
    case 'sequence-matcher':
      return sequenceMatcherRatio;
    default:
      return exactSimilarity;
  }
}
