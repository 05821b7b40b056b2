import pLimit from 'p-limit';
import { BudgetExceededError } from '../cost/errors.ts';
import type { LlmRuntime } from '../llm/llm-runtime.ts';
import type { ModelSpec } from '../model/model-spec.ts';
import { Unavailable } from './expression/evaluator.ts';
import { OFFLINE_MODEL, type CheckModel } from './helpers/llm/check-model.ts';

/** The cost CSV's module for calls made while checking rules. */
export const CHECK_MODULE = 'sensei_check';

export interface CheckModelOptions {
  /** Calls at once (the provider's own limiter also applies). */
  readonly concurrency: number;
  readonly testName?: string | undefined;
  /** A profile's `conversation.max_cost`: the run's cap covers checking too. */
  readonly runMaxCostUsd?: number | undefined;
}

/**
 * The LLM helpers' model, through simsim's LLM layer: retries, cost caps (a refused call makes
 * the helper not applicable and is reported), a cost CSV row per call, the cache, and JSON
 * answers validated against the helper's schema. Temperature 0, like Sensei's checker.
 */
export function llmCheckModel(llm: LlmRuntime, spec: ModelSpec, options: CheckModelOptions): CheckModel {
  if (spec.provider === 'offline') return OFFLINE_MODEL;
  // Made on the first question: rules without LLM helpers never need the provider (or its key).
  let client: ReturnType<LlmRuntime['client']> | undefined;
  const limit = pLimit(Math.max(1, options.concurrency));
  let capReached = false;
  return {
    offline: false,
    capReached: () => capReached,
    ask: (question) =>
      limit(async () => {
        try {
          client ??= llm.client(spec);
          const done = await client.complete(
            {
              system: question.system,
              messages: [{ role: 'user', content: question.user }],
              jsonSchema: question.schema,
              temperature: 0,
              maxTokens: 512,
              schemaName: 'verdict',
            },
            {
              module: CHECK_MODULE,
              conversation: question.subject,
              testName: options.testName,
              runMaxCostUsd: options.runMaxCostUsd,
            },
          );
          return done.json;
        } catch (error) {
          if (error instanceof BudgetExceededError) {
            capReached = true;
            throw new Unavailable(`the cost cap was reached before this model call (${error.message})`);
          }
          throw new Unavailable(`the model call failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
  };
}
