import type { ChatbotConnector } from '../../connector/types.ts';
import { DEFAULT_CACHE_SETTINGS } from '../../llm/cache/cache-policy.ts';
import type { LlmRuntime } from '../../llm/llm-runtime.ts';
import type { MediaReader } from '../../media/media-reader.ts';

/** The run's reader of links, images and files in replies, made when a reply first needs it. */
export interface MediaOnDemand {
  /** The reader; the first call loads it. */
  readonly read: () => Promise<MediaReader>;
  /** The reader if a reply loaded it, for the run to finish at its end; undefined otherwise. */
  readonly loaded: () => Promise<MediaReader> | undefined;
}

/**
 * Links, images and files in replies are read by modules (an HTML parser, a PDF reader) that
 * load with the first reply that has any: a run whose chatbot sends none never loads them.
 */
export function mediaOnDemand(
  connector: Pick<ChatbotConnector, 'media'>,
  projectDir: string,
  llm: Pick<LlmRuntime, 'cache'>,
  clock: () => Date,
): MediaOnDemand {
  let media: Promise<MediaReader> | undefined;
  return {
    read: () =>
      (media ??= Promise.all([import('../../media/media-reader.ts'), import('../../media/media-cache.ts')]).then(
        ([{ MediaReader }, { MediaCache, mediaCacheDir }]) =>
          new MediaReader({
            policy: connector.media,
            cache: new MediaCache(mediaCacheDir(projectDir), llm.cache?.settings ?? DEFAULT_CACHE_SETTINGS),
            now: clock,
          }),
      )),
    loaded: () => media,
  };
}
