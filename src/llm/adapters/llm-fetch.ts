import { createHttpFetch } from '../../net/http-fetch.ts';

/**
 * The largest LLM response accepted. A reply of the largest max_tokens simsim asks for is a few
 * hundred kilobytes of JSON; anything far beyond is a broken or hostile server.
 */
export const LLM_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/**
 * The fetch both SDKs use: bodies capped while they stream in, and redirects followed only
 * within the base URL's origin, so an API key never travels to another server.
 */
export const llmFetch = createHttpFetch({ maxResponseBytes: LLM_MAX_RESPONSE_BYTES, redirects: 'same-origin' });
