import type { Usage } from '../cost/usage.ts';

export interface ChatMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string;
  /** Images shown with a user message (vision models): base64 data and its media type. */
  readonly images?: readonly ImageInput[] | undefined;
}

export interface ImageInput {
  /** `image/png`, `image/jpeg`, `image/gif` or `image/webp`. */
  readonly mediaType: string;
  readonly base64: string;
}

/** What a caller asks for; the client fills in the rest (model, caps, retries). */
export interface CompletionRequest {
  readonly messages: readonly ChatMessage[];
  readonly system?: string | undefined;
  /** Defaults to the model spec's temperature (Sensei: 0.8). */
  readonly temperature?: number | undefined;
  /** Output bound; the cost ledger may lower it when a cap is near. */
  readonly maxTokens?: number | undefined;
  /** Ask for JSON matching this JSON Schema; the answer is validated and parsed into `json`. */
  readonly jsonSchema?: Readonly<Record<string, unknown>> | undefined;
  /** Short name for the schema (OpenAI's json_schema.name, Anthropic's tool name). */
  readonly schemaName?: string | undefined;
}

/** Which part of simsim made a call; Sensei's module names appear in the cost CSV as-is. */
export type LlmModule = 'user_simulator' | 'data_gathering' | 'data_extraction' | 'goals_any_list' | (string & {});

export interface CallContext {
  readonly module: LlmModule;
  /** Sensei's conversation name (`<i>_<test>_<serial>.yml`); per-conversation caps key on it. */
  readonly conversation?: string | undefined;
  readonly testName?: string | undefined;
  /** The profile's `conversation.max_cost` (a cap on the whole run's spend). */
  readonly runMaxCostUsd?: number | undefined;
  /** The profile's `goal_style.max_cost` (a cap on this conversation). */
  readonly conversationMaxCostUsd?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

export type FinishReason = 'stop' | 'length' | 'other';

export interface Completion {
  readonly text: string;
  /** The parsed, schema-valid answer when `jsonSchema` was given. */
  readonly json?: unknown;
  readonly usage: Usage;
  /** null when the model's price is unknown; 0 for a cache hit. */
  readonly costUsd: number | null;
  readonly provider: string;
  /** The model the server says answered (may be more specific than the one asked for). */
  readonly model: string;
  readonly finishReason: FinishReason;
  /** The output bound actually sent (after the ledger's lowering). */
  readonly maxTokens: number;
  readonly latencyMs: number;
  /** HTTP attempts, retries and the repair call included; 0 for a cache hit. */
  readonly attempts: number;
  readonly cached: boolean;
}

/** The provider-neutral call an adapter makes: one HTTP request, no retries. */
export interface AdapterRequest {
  readonly model: string;
  readonly system?: string | undefined;
  readonly messages: readonly ChatMessage[];
  readonly temperature: number;
  readonly maxTokens: number;
  readonly jsonSchema?: Readonly<Record<string, unknown>> | undefined;
  readonly schemaName: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
}

/** Raw usage as a server reported it; undefined fields were not reported. */
export interface ReportedUsage {
  readonly inputTokens?: number | undefined;
  readonly outputTokens?: number | undefined;
  readonly cachedInputTokens?: number | undefined;
}

export interface AdapterResponse {
  readonly text: string;
  /** Structured answer when the provider returned one natively (Anthropic tool input). */
  readonly structured?: unknown;
  readonly usage: ReportedUsage | undefined;
  readonly model: string;
  readonly finishReason: FinishReason;
}

/** One provider's wire protocol. Adapters are thin: no retries, caps or caching. */
export interface ProviderAdapter {
  call(request: AdapterRequest): Promise<AdapterResponse>;
}

/** The fixed part of every call's context: module, conversation, test name and caps. */
export type CallLabels = Omit<CallContext, 'signal'>;
