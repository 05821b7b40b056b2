import { basename } from 'node:path';
import type { MediaPolicy } from '../connector/types.ts';
import type { ReplyPerceiver } from '../conversation/ports.ts';
import type { ReplyPart, SeenPart } from '../conversation/types.ts';
import type { CallLabels } from '../llm/types.ts';
import type { ImageDescriber } from './describe-image.ts';
import { createMediaFetcher, resolveUrl, type Fetched } from './fetch-media.ts';
import { pageText } from './html-text.ts';
import { contentHash, MediaCache } from './media-cache.ts';
import { pdfText } from './pdf-text.ts';
import { withinTokens } from './token-budget.ts';

export interface MediaReaderOptions {
  readonly policy: MediaPolicy;
  readonly cache: MediaCache;
  readonly now: () => Date;
}

/** How the bytes at an address are read: by their content type, then by their first bytes and name. */
function kindOf(fetched: Extract<Fetched, { ok: true }>): 'page' | 'pdf' | 'image' | 'text' | 'other' {
  const type = fetched.contentType;
  const head = Buffer.from(fetched.data.subarray(0, 8)).toString('latin1');
  if (type === 'application/pdf' || head.startsWith('%PDF-')) return 'pdf';
  if (type.startsWith('image/')) return 'image';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'page';
  if (type.startsWith('text/')) return 'text';
  if (/\.(png|jpe?g|gif|webp)$/i.test(new URL(fetched.url).pathname)) return 'image';
  return 'other';
}

function fileName(url: string): string {
  try {
    return decodeURIComponent(basename(new URL(url).pathname)) || new URL(url).hostname;
  } catch {
    return url;
  }
}

function seenKind(part: ReplyPart): SeenPart['kind'] {
  if (part.kind === 'file')
    return part.mediaType === 'application/pdf' || /\.pdf(?:[?#]|$)/i.test(part.url) ? 'pdf' : 'file';
  return part.kind;
}

/**
 * What the simulated user perceives of the links, images and files of replies: a page's title
 * and main text, a PDF's first pages, an image's description. Each address is fetched once per
 * run; what was read of the bytes is cached in the project by their hash. Nothing here fails a
 * conversation: an address that cannot be read is recorded with the reason. Cost caps of an
 * image description do stop it, as for any LLM call.
 */
export class MediaReader {
  readonly #options: MediaReaderOptions;
  readonly #fetch: ReturnType<typeof createMediaFetcher>;
  readonly #fetched = new Map<string, Promise<Fetched>>();
  readonly #read = new Map<string, Promise<SeenPart>>();

  constructor(options: MediaReaderOptions) {
    this.#options = options;
    this.#fetch = createMediaFetcher(options.policy);
  }

  /** A perceiver for one conversation: its images are described by `describer`, and charged to it. */
  perceiverFor(describer: ImageDescriber, labels: CallLabels): ReplyPerceiver {
    return {
      perceive: (parts, signal) => Promise.all(parts.map((part) => this.#perceive(part, describer, labels, signal))),
    };
  }

  async finish(): Promise<void> {
    await this.#options.cache.finish();
  }

  #perceive(
    part: ReplyPart,
    describer: ImageDescriber,
    labels: CallLabels,
    signal: AbortSignal | undefined,
  ): Promise<SeenPart> {
    if (part.kind === 'button')
      return Promise.resolve({
        kind: 'button',
        title: part.title,
        payload: part.payload,
        url: part.url,
        status: 'seen',
      });
    const key = `${part.kind}\u0000${resolveUrl(part.url, this.#options.policy.chatbotUrl)?.href ?? part.url}\u0000${part.kind === 'image' ? (part.alt ?? '') : ''}\u0000${describer.id}`;
    let read = this.#read.get(key);
    if (!read) {
      read = this.#readPart(part, describer, labels, signal);
      this.#read.set(key, read);
      // An interrupted read is tried again by the next conversation that meets the address.
      read.catch(() => this.#read.delete(key));
    }
    return read;
  }

  #fetchOnce(raw: string, signal: AbortSignal | undefined): Promise<Fetched> {
    const url = resolveUrl(raw, this.#options.policy.chatbotUrl)?.href ?? raw;
    let fetched = this.#fetched.get(url);
    if (!fetched) {
      fetched = this.#fetch(url, signal);
      this.#fetched.set(url, fetched);
      fetched.catch(() => this.#fetched.delete(url));
    }
    return fetched;
  }

  async #readPart(
    part: Exclude<ReplyPart, { kind: 'button' }>,
    describer: ImageDescriber,
    labels: CallLabels,
    signal: AbortSignal | undefined,
  ): Promise<SeenPart> {
    const fetched = await this.#fetchOnce(part.url, signal);
    const title = part.kind === 'link' ? part.title : part.kind === 'file' ? part.name : undefined;
    if (!fetched.ok)
      return { kind: seenKind(part), url: fetched.url, title, status: fetched.status, note: fetched.reason };
    const kind = kindOf(fetched);
    const { cache, policy, now } = this.#options;
    const how =
      kind === 'image'
        ? `image\u0000${describer.id}\u0000${part.kind === 'image' ? (part.alt ?? '') : ''}`
        : `${kind}\u0000${policy.maxTokens}`;
    const hash = contentHash(fetched.data);
    const cacheKey = MediaCache.key(hash, how);
    const cached = await cache.get(cacheKey);
    if (cached) return { ...cached, url: fetched.url };
    const seen = await this.#readBytes(kind, fetched, part, title, describer, labels, signal);
    if (seen.status === 'seen') await cache.set(cacheKey, fetched.url, hash, seen, now());
    return seen;
  }

  async #readBytes(
    kind: ReturnType<typeof kindOf>,
    fetched: Extract<Fetched, { ok: true }>,
    part: Exclude<ReplyPart, { kind: 'button' }>,
    title: string | undefined,
    describer: ImageDescriber,
    labels: CallLabels,
    signal: AbortSignal | undefined,
  ): Promise<SeenPart> {
    const { policy } = this.#options;
    const url = fetched.url;
    const name = fileName(url);
    if (kind === 'page' || kind === 'text') {
      const decoded = new TextDecoder().decode(fetched.data);
      const page = kind === 'page' ? pageText(decoded) : { title: undefined, text: decoded };
      const read = withinTokens(page.text, policy.maxTokens);
      return {
        kind: 'link',
        url,
        title: page.title ?? title,
        text: read.text,
        status: 'seen',
        note: read.cut ? `the first ${policy.maxTokens} tokens` : undefined,
      };
    }
    if (kind === 'pdf') {
      try {
        const pdf = await pdfText(fetched.data, policy.maxTokens);
        return {
          kind: 'pdf',
          url,
          title: title ?? pdf.title ?? name,
          text: pdf.text,
          status: 'seen',
          note: `${pdf.pagesRead} of ${pdf.pages} page${pdf.pages === 1 ? '' : 's'} read`,
        };
      } catch (error) {
        return {
          kind: 'pdf',
          url,
          title: title ?? name,
          status: 'failed',
          note: `not a readable PDF (${(error as Error).message})`,
        };
      }
    }
    if (kind === 'image') {
      const text = await describer.describe(
        {
          data: fetched.data,
          mediaType: fetched.contentType.startsWith('image/') ? fetched.contentType : 'image/png',
          fileName: name,
          alt: part.kind === 'image' ? part.alt : undefined,
        },
        labels,
        signal,
      );
      return {
        kind: 'image',
        url,
        title: name,
        text,
        status: 'seen',
        note: describer.id === 'offline' ? undefined : `described by ${describer.id}`,
      };
    }
    return {
      kind: 'file',
      url,
      title: title ?? name,
      text: `${fetched.contentType || 'unknown type'}, ${fetched.data.length} bytes`,
      status: 'seen',
    };
  }
}
