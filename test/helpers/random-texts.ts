import { createRng } from '../../src/base/random/rng.ts';

/**
 * `count` seeded strings of up to `maxLength` pieces of `alphabet`, for tests that compare a fast
 * path with the full rule it stands for. Every other string draws only from the first `asciiCount`
 * pieces, so the fast path is taken about half the time.
 */
export function randomTexts(
  seed: string,
  alphabet: readonly string[],
  asciiCount: number,
  count: number,
  maxLength: number,
): string[] {
  const rng = createRng(seed);
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    const pieces = i % 2 === 0 ? asciiCount : alphabet.length;
    let text = '';
    const length = rng.int(0, maxLength - 1);
    for (let j = 0; j < length; j++) text += alphabet[rng.int(0, pieces - 1)];
    texts.push(text);
  }
  return texts;
}
