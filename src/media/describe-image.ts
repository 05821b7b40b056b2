import type { LlmClient } from '../llm/client.ts';
import type { CallLabels } from '../llm/types.ts';

export interface ImageToDescribe {
  readonly data: Uint8Array;
  readonly mediaType: string;
  readonly fileName: string;
  readonly alt: string | undefined;
}

/** Turns an image into the words the simulated user perceives. */
export interface ImageDescriber {
  /** Part of the cache key: another model gives another description. */
  readonly id: string;
  describe(image: ImageToDescribe, labels: CallLabels, signal?: AbortSignal): Promise<string>;
}

function size(bytes: number): string {
  return bytes < 1024
    ? `${bytes} bytes`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** What a person who cannot see the image learns: its file name, size and alt text. */
export function offlineDescription(image: ImageToDescribe): string {
  const alt = image.alt === undefined || image.alt.trim() === '' ? 'no alt text' : `alt text "${image.alt.trim()}"`;
  return `${image.fileName}, ${image.mediaType}, ${size(image.data.length)}, ${alt}`;
}

/** `--model offline`: no model looks at the image. */
export const offlineDescriber: ImageDescriber = {
  id: 'offline',
  describe: (image) => Promise.resolve(offlineDescription(image)),
};

/** Image types the vision APIs of OpenAI and Anthropic both take. */
export const VISION_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

const PROMPT =
  'A chatbot sent this image to a user in a conversation. Describe what the image shows in two or three plain sentences, as you would to someone who cannot see it: the main subject, any text it contains word for word, and anything a customer would want to know. Do not speculate beyond what is visible.';

/**
 * A vision model through simsim's LLM layer (module `media` in the cost ledger, under the
 * profile's caps). Images of a type the APIs do not take are described as offline.
 */
export function llmDescriber(client: LlmClient): ImageDescriber {
  return {
    id: `${client.provider}:${client.model}`,
    async describe(image, labels, signal) {
      if (!VISION_TYPES.has(image.mediaType))
        return `${offlineDescription(image)} (not described: vision models do not take ${image.mediaType})`;
      const alt = image.alt === undefined ? '' : `\nIts alt text is: ${image.alt}`;
      const done = await client.complete(
        {
          messages: [
            {
              role: 'user',
              content: `${PROMPT}${alt}`,
              images: [{ mediaType: image.mediaType, base64: Buffer.from(image.data).toString('base64') }],
            },
          ],
          maxTokens: 300,
          temperature: 0,
        },
        { ...labels, signal },
      );
      return done.text.trim();
    },
  };
}
