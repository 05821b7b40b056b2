import { join } from 'node:path';
import { SIMSIM_DIR } from '../../base/layout.ts';
import type { LlmModule } from '../types.ts';
import { DiskCache } from './disk-cache.ts';
import type { CacheSettings } from '../../model/run-settings.ts';

export const DEFAULT_CACHE_SETTINGS: CacheSettings = { all: false, ignore: false, update: false, clean: false };

/**
 * Modules cached even without `--cache`: any() lists, like Sensei caches them, and rule checks
 * (temperature 0, so re-checking a run, as --resume does, pays nothing for answers it has).
 */
const ALWAYS_CACHED: ReadonlySet<string> = new Set(['goals_any_list', 'sensei_check']);

export function cacheDir(projectDir: string): string {
  return join(projectDir, SIMSIM_DIR, 'cache', 'llm');
}

/** Decides, per call, whether the disk cache is read and written. */
export class LlmCache {
  readonly store: DiskCache;
  readonly settings: CacheSettings;
  /** Modules never cached, whatever the settings (the simulated user of a run with trials). */
  readonly #uncached: ReadonlySet<string>;

  constructor(store: DiskCache, settings: CacheSettings = DEFAULT_CACHE_SETTINGS, uncached: readonly LlmModule[] = []) {
    this.store = store;
    this.settings = settings;
    this.#uncached = new Set(uncached);
  }

  static forProject(projectDir: string, settings?: CacheSettings, uncached?: readonly LlmModule[]): LlmCache {
    return new LlmCache(new DiskCache(cacheDir(projectDir)), settings, uncached);
  }

  #applies(module: LlmModule): boolean {
    if (this.#uncached.has(module)) return false;
    return !this.settings.ignore && (this.settings.all || ALWAYS_CACHED.has(module));
  }

  reads(module: LlmModule): boolean {
    return this.#applies(module) && !this.settings.update;
  }

  writes(module: LlmModule): boolean {
    return this.#applies(module);
  }

  /** Call once when the run ends: applies --clean-cache. */
  async finish(): Promise<void> {
    if (this.settings.clean) await this.store.clear();
  }
}
