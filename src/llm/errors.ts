import { SimsimError } from '../base/errors.ts';

/** An API key the chosen provider needs is not set; raised before any call is made. */
export class MissingApiKeyError extends SimsimError {
  readonly code = 'SIMSIM_MISSING_API_KEY';
  readonly scope = 'run';
  override readonly name = 'MissingApiKeyError';
  readonly envVar: string;

  constructor(provider: string, envVar: string) {
    super(`provider ${provider} needs an API key: set ${envVar}`, {
      hint: `Export ${envVar} in your shell, or add a line \`${envVar}=...\` to the project's .env file. To run with no key, use the offline simulated user: --model offline.`,
    });
    this.envVar = envVar;
  }
}

/** A model names a provider that is neither built in nor defined under `providers:` in run.yml. */
export class UnknownProviderError extends SimsimError {
  readonly code = 'SIMSIM_UNKNOWN_PROVIDER';
  readonly scope = 'run';
  override readonly name = 'UnknownProviderError';

  constructor(provider: string, known: readonly string[]) {
    super(`unknown LLM provider \`${provider}\` (known: ${known.join(', ')})`, {
      hint: 'Define it in run.yml: providers: {<name>: {kind: openai, base_url: ..., api_key_env: ...}}',
    });
  }
}

/** A provider that exists in the registry but is not built yet in this version. */
export class ProviderNotAvailableError extends SimsimError {
  readonly code = 'SIMSIM_PROVIDER_NOT_AVAILABLE';
  readonly scope = 'run';
  override readonly name = 'ProviderNotAvailableError';

  constructor(provider: string, why: string) {
    super(`provider ${provider} is not available: ${why}`, { hint: 'Use an openai or anthropic model for now.' });
  }
}

/** A call failed for good (after retries, or at once for a non-retryable error). */
export class LlmCallError extends SimsimError {
  readonly code = 'SIMSIM_LLM_CALL_FAILED';
  readonly scope = 'conversation';
  override readonly name = 'LlmCallError';
  readonly provider: string;
  readonly status: number | undefined;
  readonly attempts: number;
  readonly retryable: boolean;

  constructor(
    provider: string,
    detail: { status?: number | undefined; attempts: number; retryable: boolean; message: string; cause?: unknown },
  ) {
    const status = detail.status === undefined ? '' : ` (HTTP ${detail.status})`;
    const tries = detail.attempts === 1 ? '1 attempt' : `${detail.attempts} attempts`;
    super(`${provider} call failed${status} after ${tries}: ${detail.message}`, {
      hint: hintFor(detail.status),
      cause: detail.cause,
    });
    this.provider = provider;
    this.status = detail.status;
    this.attempts = detail.attempts;
    this.retryable = detail.retryable;
  }
}

function hintFor(status: number | undefined): string | undefined {
  if (status === 401 || status === 403) return 'Check the API key and that it may use this model.';
  if (status === 404) return 'Check the model name and the base URL.';
  if (status === 429)
    return 'The provider is rate limiting: lower max_in_flight or requests_per_minute under providers: in run.yml.';
  return undefined;
}

/** The model's answer did not match the requested JSON Schema, even after one repair attempt. */
export class StructuredOutputError extends SimsimError {
  readonly code = 'SIMSIM_STRUCTURED_OUTPUT';
  readonly scope = 'conversation';
  override readonly name = 'StructuredOutputError';
  readonly lastText: string;
  readonly problems: readonly string[];

  constructor(provider: string, model: string, lastText: string, problems: readonly string[]) {
    super(
      `${provider}:${model} did not answer with JSON matching the schema (after one repair attempt): ${problems.slice(0, 3).join('; ')}`,
    );
    this.lastText = lastText;
    this.problems = problems;
  }
}
