import { mkdtempSync, rmSync, statSync, writeFileSync, type BigIntStats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundleIdentity, SETTLED_MS } from './bundle-identity.ts';

let root: string;
let file: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'simsim-bundle-identity-test-'));
  file = join(root, 'bundle.cjs');
  writeFileSync(file, 'bundle');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** The file's status (it is written once), with some fields replaced. */
function statOf(changes: Partial<Record<'dev' | 'ino' | 'size' | 'mtimeNs' | 'ctimeNs', bigint>> = {}): BigIntStats {
  const stat = statSync(file, { bigint: true });
  for (const [key, value] of Object.entries(changes)) Object.defineProperty(stat, key, { value });
  if (changes.mtimeNs !== undefined) Object.defineProperty(stat, 'mtimeMs', { value: changes.mtimeNs / 1_000_000n });
  if (changes.ctimeNs !== undefined) Object.defineProperty(stat, 'ctimeMs', { value: changes.ctimeNs / 1_000_000n });
  return stat;
}

const later = (stat: BigIntStats) => Number(stat.ctimeMs > stat.mtimeMs ? stat.ctimeMs : stat.mtimeMs) + SETTLED_MS;

describe('bundle identity', () => {
  it('names a file that has not changed for a while by its place and times, without its bytes', () => {
    const stat = statOf();
    expect(bundleIdentity(stat, Buffer.from('one'), later(stat))).toBe(
      bundleIdentity(stat, Buffer.from('two'), later(stat) + 60_000),
    );
  });

  it('changes with every part of the status a write or a replacement changes', () => {
    const stat = statOf();
    const now = later(stat) + 10_000;
    const base = bundleIdentity(stat, Buffer.from('x'), now);
    const changes = [
      { dev: stat.dev + 1n },
      { ino: stat.ino + 1n },
      { size: stat.size + 1n },
      { mtimeNs: stat.mtimeNs - 1n },
      // Content written with the old size and modification time put back: only the change time moves.
      { ctimeNs: stat.ctimeNs + 1n },
    ];
    for (const change of changes)
      expect(bundleIdentity(statOf(change), Buffer.from('x'), now), Object.keys(change).join()).not.toBe(base);
  });

  it('checksums a file changed moments ago, or with times in the future', () => {
    const stat = statOf();
    const justNow = Number(stat.ctimeMs) + SETTLED_MS - 1;
    expect(bundleIdentity(stat, Buffer.from('one'), justNow)).not.toBe(
      bundleIdentity(stat, Buffer.from('two'), justNow),
    );
    expect(bundleIdentity(stat, Buffer.from('one'), justNow)).toBe(bundleIdentity(stat, Buffer.from('one'), justNow));
    const past = Number(stat.mtimeMs) - 60_000;
    expect(bundleIdentity(stat, Buffer.from('one'), past)).not.toBe(bundleIdentity(stat, Buffer.from('two'), past));
  });
});
