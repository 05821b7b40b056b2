import { createHttpFetch, policyRefusal } from '../net/http-fetch.ts';
import { ResponseTooLargeError } from '../net/net-errors.ts';
import type { MediaPolicy } from '../connector/types.ts';

export type Fetched =
  | { readonly ok: true; readonly url: string; readonly data: Uint8Array; readonly contentType: string }
  | { readonly ok: false; readonly url: string; readonly status: 'not_fetched' | 'failed'; readonly reason: string };

/** A reply's address resolved against the chatbot's, or undefined when it is no http(s) address. */
export function resolveUrl(url: string, chatbotUrl: string): URL | undefined {
  try {
    const resolved = chatbotUrl === '' ? new URL(url) : new URL(url, chatbotUrl);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the policy lets this address be opened: the chatbot's own host always, others with `fetch_links`. */
export function mayFetch(url: URL, policy: MediaPolicy): boolean {
  if (policy.fetchLinks) return true;
  try {
    return url.hostname === new URL(policy.chatbotUrl).hostname;
  } catch {
    return false;
  }
}

/**
 * Fetches what a reply links to, as a browser with no login would: a plain GET without the
 * connector's headers or cookies, so no credential reaches any address, bounded by the
 * connector's timeout and size limit. Redirects follow the connector's policy, and never leave
 * the chatbot's host without `fetch_links`.
 */
export function createMediaFetcher(policy: MediaPolicy): (url: string, signal?: AbortSignal) => Promise<Fetched> {
  const plain = createHttpFetch({
    maxResponseBytes: policy.maxResponseBytes,
    redirects: policy.fetchLinks ? policy.redirects : 'same-origin',
  });
  return async (raw, signal) => {
    const url = resolveUrl(raw, policy.chatbotUrl);
    if (url === undefined) return { ok: false, url: raw, status: 'not_fetched', reason: 'not an http(s) address' };
    if (!mayFetch(url, policy))
      return {
        ok: false,
        url: url.href,
        status: 'not_fetched',
        reason: 'on another host than the chatbot; set `fetch_links: true` in the connector to open it',
      };
    const deadline = AbortSignal.timeout(policy.timeoutMs);
    const combined = signal === undefined ? deadline : AbortSignal.any([signal, deadline]);
    try {
      const response = await plain(url.href, { method: 'GET', headers: { accept: '*/*' }, signal: combined });
      const data = new Uint8Array(await response.arrayBuffer());
      if (!response.ok) return { ok: false, url: url.href, status: 'failed', reason: `answered ${response.status}` };
      return {
        ok: true,
        url: response.url || url.href,
        data,
        contentType: (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '',
      };
    } catch (error) {
      if (signal?.aborted) throw error;
      const refusal = policyRefusal(error);
      const reason = deadline.aborted
        ? `did not answer within ${policy.timeoutMs / 1000} s`
        : refusal instanceof ResponseTooLargeError
          ? `larger than ${refusal.limit} bytes (the connector's max_response_bytes)`
          : refusal !== undefined
            ? refusal.message
            : `cannot be reached (${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message})`;
      return { ok: false, url: url.href, status: 'failed', reason };
    }
  };
}
