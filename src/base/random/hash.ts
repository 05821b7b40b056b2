/**
 * A 128-bit string hash (four independent 32-bit lanes, murmur3 finaliser). It turns stream
 * labels like `seed=7/profile=pizza/conversation=3` into generator states, so every stream is a
 * pure function of its label: the same on every machine, whatever ran before it.
 */
export function hash128(text: string): [number, number, number, number] {
  let h1 = 0x6a09e667;
  let h2 = 0xbb67ae85;
  let h3 = 0x3c6ef372;
  let h4 = 0xa54ff53a;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ c, 0x85ebca6b);
    h2 = h3 ^ Math.imul(h2 ^ c, 0xc2b2ae35);
    h3 = h4 ^ Math.imul(h3 ^ c, 0x27d4eb2f);
    h4 = h1 ^ Math.imul(h4 ^ c, 0x165667b1);
  }
  h1 = fmix32(h1 ^ text.length);
  h2 = fmix32(h2 ^ h1);
  h3 = fmix32(h3 ^ h2);
  h4 = fmix32(h4 ^ h3);
  h1 = fmix32(h1 ^ h4);
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 16 hex digits derived from a label: a compact seed to record and pass on. */
export function hashHex(text: string): string {
  const [a, b] = hash128(text);
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
