import type { LlmRuntime } from '../../llm/llm-runtime.ts';
import type { Profile } from '../../model/profile.ts';
import type { AnyGenerator } from '../../variables/data/any-items.ts';
import { createLlmAnyGenerator } from '../any-generator.ts';
import { jsonCompleter } from './engine-ports.ts';

/**
 * What writes the `any()` lists of a profile's plan: the profile's own model through the run's LLM
 * layer, under the profile's cap; an offline profile has none (its uncached items stay placeholders).
 */
export function profileAnyGenerator(
  llm: LlmRuntime,
  /** A profile's cap on what the run spends on it (a shard's share of max_cost). */
  profileCap: (profile: Profile) => number | undefined,
): (profile: Profile) => AnyGenerator | undefined {
  return (profile) => {
    const spec = profile.llm.model;
    if (spec.provider === 'offline') return undefined;
    const labels = {
      module: 'goals_any_list',
      testName: profile.testName,
      runMaxCostUsd: profileCap(profile),
    };
    // The client (and its API key) is needed only if a list is not in the project's cache yet.
    return createLlmAnyGenerator({
      completeJson: (request) => jsonCompleter(llm.client(spec), labels).completeJson(request),
    });
  };
}
