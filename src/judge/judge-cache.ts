import { join } from 'node:path';
import { cacheKey } from '../llm/cache/cache-key.ts';
import { DEFAULT_CACHE_SETTINGS } from '../llm/cache/cache-policy.ts';
import type { CacheSettings } from '../model/run-settings.ts';
import { DiskCache, type CachedAnswer } from '../llm/cache/disk-cache.ts';
import { SIMSIM_DIR } from '../base/layout.ts';
import { JUDGE_PROMPT_VERSION } from './prompt.ts';

export function judgeCacheDir(projectDir: string): string {
  return join(projectDir, SIMSIM_DIR, 'cache', 'judge');
}

/** Everything a stored judgement depends on. */
export interface JudgementKey {
  /** transcriptHash() of the conversation. */
  readonly transcript: string;
  /** The criterion's text as the judge read it (goal_achieved: with the goals filled in). */
  readonly criterion: string;
  readonly provider: string;
  readonly model: string;
  readonly temperature: number;
  /** 1-based sample number. */
  readonly sample: number;
}

/**
 * Judgements by (transcript hash, criterion, judge model, prompt version, sample), so re-judging
 * a conversation that did not change costs nothing. Unlike the LLM cache it is on by default;
 * Sensei's cache flags still apply: `--ignore-cache` neither reads nor writes it,
 * `--update-cache` writes without reading, `--clean-cache` empties it when the run ends.
 * Entries are files written atomically; an unreadable one is a miss (see DiskCache).
 */
export class JudgeCache {
  readonly store: DiskCache;
  readonly settings: CacheSettings;

  constructor(store: DiskCache, settings: CacheSettings = DEFAULT_CACHE_SETTINGS) {
    this.store = store;
    this.settings = settings;
  }

  static forProject(projectDir: string, settings?: CacheSettings): JudgeCache {
    return new JudgeCache(new DiskCache(judgeCacheDir(projectDir)), settings);
  }

  static keyOf(key: JudgementKey): string {
    return cacheKey({ kind: 'judgement', prompt: JUDGE_PROMPT_VERSION, ...key });
  }

  async get(key: JudgementKey): Promise<CachedAnswer | undefined> {
    if (this.settings.ignore || this.settings.update) return undefined;
    return this.store.get(JudgeCache.keyOf(key));
  }

  async set(key: JudgementKey, answer: CachedAnswer, now: Date): Promise<void> {
    if (this.settings.ignore) return;
    // A judgement is paid for and good: a cache that cannot be written must not turn it into a failure.
    await this.store.set(JudgeCache.keyOf(key), answer, now).catch(() => undefined);
  }

  /** Call once when the run ends: applies --clean-cache. */
  async finish(): Promise<void> {
    if (this.settings.clean) await this.store.clear();
  }
}
