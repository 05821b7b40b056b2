import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Usage } from '../../cost/usage.ts';
import type { FinishReason } from '../types.ts';
import { CACHE_FORMAT } from './cache-key.ts';

/** The replayable part of a completion. */
export interface CachedAnswer {
  readonly text: string;
  readonly json?: unknown;
  readonly usage: Usage;
  readonly model: string;
  readonly finishReason: FinishReason;
}

interface Entry {
  readonly format: number;
  readonly key: string;
  readonly createdAt: string;
  readonly answer: CachedAnswer;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isAnswer(value: unknown): value is CachedAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const a = value as Record<string, unknown>;
  const u = a['usage'];
  if (typeof u !== 'object' || u === null) return false;
  const usage = u as Record<string, unknown>;
  return (
    typeof a['text'] === 'string' &&
    typeof a['model'] === 'string' &&
    (a['finishReason'] === 'stop' || a['finishReason'] === 'length' || a['finishReason'] === 'other') &&
    isCount(usage['inputTokens']) &&
    isCount(usage['outputTokens']) &&
    isCount(usage['cachedInputTokens']) &&
    typeof usage['estimated'] === 'boolean'
  );
}

/**
 * A content-addressed store of answers: one JSON file per request hash, written atomically
 * (temp file + rename) so a crash never leaves half an entry. Unreadable or malformed entries
 * count as misses and are overwritten by the next answer: never fatal.
 */
export class DiskCache {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  pathFor(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  async get(key: string): Promise<CachedAnswer | undefined> {
    let text: string;
    try {
      text = await readFile(this.pathFor(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const entry = JSON.parse(text) as Partial<Entry>;
      if (entry.format !== CACHE_FORMAT || entry.key !== key || !isAnswer(entry.answer)) return undefined;
      return entry.answer;
    } catch {
      return undefined;
    }
  }

  async set(key: string, answer: CachedAnswer, now: Date): Promise<void> {
    const path = this.pathFor(key);
    const entry: Entry = { format: CACHE_FORMAT, key, createdAt: now.toISOString(), answer };
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${randomUUID()}.tmp`;
    await writeFile(temp, `${JSON.stringify(entry, null, 1)}\n`, 'utf8');
    await rename(temp, path);
  }

  /** Removes every entry (Sensei's --clean-cache). */
  async clear(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
