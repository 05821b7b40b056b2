import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SeenPart } from '../conversation/types.ts';
import type { CacheSettings } from '../model/run-settings.ts';
import { SIMSIM_DIR } from '../base/layout.ts';

/** Bump when what an entry means changes (extraction, prompt), so old entries stop matching. */
const MEDIA_CACHE_FORMAT = 1;

export function mediaCacheDir(projectDir: string): string {
  return join(projectDir, SIMSIM_DIR, 'cache', 'media');
}

export function contentHash(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

interface Entry {
  readonly format: number;
  readonly key: string;
  readonly url: string;
  readonly contentHash: string;
  readonly createdAt: string;
  readonly seen: SeenPart;
}

/**
 * What the simulated user saw of a page, PDF or image, kept in the project so a rerun reads the
 * same bytes the same way without paying for a description again. Keyed by the content's hash
 * and how it was read (the describing model, the token budget); the address is recorded beside.
 * Sensei's cache flags apply: --ignore-cache neither reads nor writes, --update-cache only
 * writes, --clean-cache empties it when the run ends. A broken entry is a miss, never fatal.
 */
export class MediaCache {
  readonly dir: string;
  readonly #settings: CacheSettings;

  constructor(dir: string, settings: CacheSettings) {
    this.dir = dir;
    this.#settings = settings;
  }

  static key(hash: string, how: string): string {
    return createHash('sha256').update(`${MEDIA_CACHE_FORMAT}\u0000${how}\u0000${hash}`).digest('hex');
  }

  #path(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  async get(key: string): Promise<SeenPart | undefined> {
    if (this.#settings.ignore || this.#settings.update) return undefined;
    try {
      const entry = JSON.parse(await readFile(this.#path(key), 'utf8')) as Partial<Entry>;
      if (
        entry.format !== MEDIA_CACHE_FORMAT ||
        entry.key !== key ||
        typeof entry.seen !== 'object' ||
        entry.seen === null
      )
        return undefined;
      return entry.seen;
    } catch {
      return undefined;
    }
  }

  async set(key: string, url: string, hash: string, seen: SeenPart, now: Date): Promise<void> {
    if (this.#settings.ignore) return;
    const path = this.#path(key);
    const entry: Entry = {
      format: MEDIA_CACHE_FORMAT,
      key,
      url,
      contentHash: hash,
      createdAt: now.toISOString(),
      seen,
    };
    try {
      await mkdir(dirname(path), { recursive: true });
      const temp = `${path}.${randomUUID()}.tmp`;
      await writeFile(temp, `${JSON.stringify(entry, null, 1)}\n`, 'utf8');
      await rename(temp, path);
    } catch {
      // A cache that cannot be written (read-only project) costs a rerun time, never the run.
    }
  }

  /** Call once when the run ends: applies --clean-cache. */
  async finish(): Promise<void> {
    if (this.#settings.clean) await rm(this.dir, { recursive: true, force: true });
  }
}
