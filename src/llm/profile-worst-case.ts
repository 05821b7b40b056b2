import { DEFAULT_MAX_TOKENS } from './client.ts';
import { formatModelSpec } from '../model/model-spec.ts';
import type { Profile } from '../model/profile.ts';
import type { ProjectLlm } from './project-llm.ts';
import { estimateWorstCase, type WorstCaseEstimate } from '../cost/worst-case.ts';
import { SENSEI_DEFAULTS } from '../model/profile.ts';

export interface ProfileWorstCase extends WorstCaseEstimate {
  /** `provider:model` the estimate is priced for. */
  readonly model: string;
  /** Whether the provider is known (an unknown one cannot run, whatever the price). */
  readonly providerKnown: boolean;
}

/**
 * The worst-case spend of one profile over `conversations` conversations: the simulated user's
 * calls, the answered-goals check after each turn (all_answered, or a test case that ends when
 * its goal is achieved), and one extraction call per
 * `chatbot.output` item, at the price of the profile's model.
 */
export function profileWorstCase(
  profile: Profile,
  conversations: number,
  llm: ProjectLlm,
  maxTokensPerCall = DEFAULT_MAX_TOKENS,
): ProfileWorstCase {
  const spec = profile.llm.model;
  const providerKnown = llm.registry.has(spec.provider);
  const price = providerKnown ? llm.prices.priceFor(llm.registry.get(spec.provider), spec.model) : null;
  const style = profile.conversation.goalStyle;
  const raw = profile.conversation.goalStyleRaw;
  const steps = style.kind === 'steps' ? style.steps : style.kind === 'random_steps' ? style.max : undefined;
  const answered = 'all_answered' in raw || 'default' in raw;
  const turns = steps ?? (style.kind === 'all_answered' ? style.limit : SENSEI_DEFAULTS.answeredLimit);
  const estimate = estimateWorstCase({
    price,
    conversations,
    turnsPerConversation: turns,
    maxTokensPerCall,
    // A goal check after each reply: all_answered, or a test case that ends when its goal is achieved.
    checksPerTurn: (answered && steps === undefined) || profile.conversation.endWhen?.goalAchieved ? 1 : 0,
    callsPerConversation: profile.chatbot.outputs.length,
    runCapUsd: profile.conversation.maxCostPerRun,
    conversationCapUsd: profile.conversation.maxCostPerConversation,
  });
  return { ...estimate, model: formatModelSpec(spec), providerKnown };
}
