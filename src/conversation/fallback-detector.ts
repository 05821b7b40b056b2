/**
 * Sensei's fallback check: TF-IDF cosine similarity between a chatbot reply and the profile's
 * `chatbot.fallback`, with the vectorizer fitted on the fallback text alone (so every term has the
 * same idf and the score is the cosine of term counts over the fallback's vocabulary). Text is
 * lowercased and stripped of punctuation; tokens are words of two or more characters.
 */
export const DEFAULT_FALLBACK_THRESHOLD = 0.6;

// eslint-disable-next-line no-control-regex -- the whole ASCII range
const ASCII = /^[\x00-\x7f]*$/;

export function tokens(text: string): string[] {
  // In ASCII, letters and numbers are [A-Za-z0-9]: the same tokens without Unicode property lookups (most replies).
  if (ASCII.test(text))
    return (
      text
        .toLowerCase()
        .replace(/[^a-z0-9_\s]/g, '')
        .match(/[a-z0-9_]{2,}/g) ?? []
    );
  const clean = text.toLowerCase().replace(/[^\p{L}\p{N}_\s]/gu, '');
  return clean.match(/[\p{L}\p{N}_]{2,}/gu) ?? [];
}

function counts(words: readonly string[], vocabulary?: ReadonlySet<string>): Map<string, number> {
  const map = new Map<string, number>();
  for (const word of words) {
    if (vocabulary && !vocabulary.has(word)) continue;
    map.set(word, (map.get(word) ?? 0) + 1);
  }
  return map;
}

function norm(vector: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const value of vector.values()) sum += value * value;
  return Math.sqrt(sum);
}

export interface FallbackDetector {
  similarity(reply: string): number;
  isFallback(reply: string): boolean;
}

export function createFallbackDetector(fallback: string, threshold = DEFAULT_FALLBACK_THRESHOLD): FallbackDetector {
  const fallbackCounts = counts(tokens(fallback));
  const vocabulary = new Set(fallbackCounts.keys());
  const fallbackNorm = norm(fallbackCounts);
  const similarity = (reply: string): number => {
    if (fallbackNorm === 0) return 0;
    const replyCounts = counts(tokens(reply), vocabulary);
    const replyNorm = norm(replyCounts);
    if (replyNorm === 0) return 0;
    let dot = 0;
    for (const [word, count] of replyCounts) dot += count * (fallbackCounts.get(word) ?? 0);
    return dot / (replyNorm * fallbackNorm);
  };
  return { similarity, isFallback: (reply) => similarity(reply) >= threshold };
}

/**
 * Counts fallback replies in a row: after every third the user changes topic, otherwise it
 * rephrases; nine in a row end the conversation (Sensei's error 1000). Any other reply resets.
 */
export class FallbackTracker {
  #repeat = 0;
  #loop = 0;

  /** What the simulated user should do about this reply. */
  observe(isFallback: boolean): 'none' | 'rephrase' | 'change_topic' | 'give_up' {
    if (!isFallback) {
      this.#repeat = 0;
      this.#loop = 0;
      return 'none';
    }
    this.#repeat++;
    this.#loop++;
    if (this.#loop >= 9) return 'give_up';
    if (this.#repeat >= 3) {
      this.#repeat = 0;
      return 'change_topic';
    }
    return 'rephrase';
  }
}
