/**
 * What simsim's fetch refuses to do. Callers word them for their users (the connector names its
 * keys, the LLM layer the provider); none is worth retrying, the same request gets the same answer.
 */
export abstract class NetPolicyError extends Error {}

/** The response body grew past the limit: the request was aborted, the body dropped. */
export class ResponseTooLargeError extends NetPolicyError {
  override readonly name = 'ResponseTooLargeError';
  readonly limit: number;

  constructor(limit: number) {
    super(`reply larger than ${limit} bytes`);
    this.limit = limit;
  }
}

/**
 * A redirect that is not followed: `cross-origin` (another scheme, host or port), `disabled`
 * (the policy follows none), `scheme` (not http or https), `invalid` (not an address).
 * `target` is the origin (or scheme) it pointed to, never its full address: that can hold tokens.
 */
export class RedirectRefusedError extends NetPolicyError {
  override readonly name = 'RedirectRefusedError';
  readonly status: number;
  readonly reason: 'cross-origin' | 'disabled' | 'scheme' | 'invalid';
  readonly target: string;

  constructor(status: number, reason: RedirectRefusedError['reason'], target: string) {
    const what = {
      'cross-origin': `to another origin (${target}), which is not followed`,
      disabled: `(to ${target}), and redirects are not followed`,
      scheme: `to a ${target} address, which is not followed`,
      invalid: `to an invalid address (${target})`,
    }[reason];
    super(`answered ${status} with a redirect ${what}`);
    this.status = status;
    this.reason = reason;
    this.target = target;
  }
}

/** More redirects in a row than allowed: a loop, most likely. */
export class TooManyRedirectsError extends NetPolicyError {
  override readonly name = 'TooManyRedirectsError';

  constructor(limit: number) {
    super(`more than ${limit} redirects in a row (a redirect loop?)`);
  }
}
