import { DEFAULT_MAX_TOKENS } from './client.ts';
import { formatModelSpec, modelSpecFromProfile } from './model-spec.ts';
import type { ProjectLlm } from './project-llm.ts';
import { estimateWorstCase, type WorstCaseEstimate } from '../cost/worst-case.ts';

/** all_answered's default turn limit in Sensei. */
const ALL_ANSWERED_LIMIT = 30;

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);

export interface ProfileWorstCase extends WorstCaseEstimate {
  /** `provider:model` the estimate is priced for. */
  readonly model: string;
  /** Whether the provider is known (an unknown one cannot run, whatever the price). */
  readonly providerKnown: boolean;
}

/**
 * The worst-case spend of one validated profile over `conversations` conversations: the
 * simulated user's calls, the answered-goals check after each turn (all_answered), and one
 * extraction call per `chatbot.output` item, at the profile model's price.
 */
export function profileWorstCase(profile: Rec, conversations: number, llm: ProjectLlm, maxTokensPerCall = DEFAULT_MAX_TOKENS): ProfileWorstCase {
  const spec = modelSpecFromProfile(rec(profile['llm']));
  const providerKnown = llm.registry.has(spec.provider);
  const price = providerKnown ? llm.prices.priceFor(llm.registry.get(spec.provider), spec.model) : null;
  const conversation = rec(profile['conversation']) ?? {};
  const style = rec(conversation['goal_style']) ?? {};
  const steps = int(style['steps']) ?? int(style['random steps']);
  const answered = 'all_answered' in style || 'default' in style;
  const turns = steps ?? int(rec(style['all_answered'])?.['limit']) ?? ALL_ANSWERED_LIMIT;
  const outputs = Array.isArray(rec(profile['chatbot'])?.['output']) ? (rec(profile['chatbot'])?.['output'] as unknown[]).length : 0;
  const estimate = estimateWorstCase({
    price,
    conversations,
    turnsPerConversation: turns,
    maxTokensPerCall,
    checksPerTurn: answered && steps === undefined ? 1 : 0,
    callsPerConversation: outputs,
    runCapUsd: typeof conversation['max_cost'] === 'number' ? conversation['max_cost'] : undefined,
    conversationCapUsd: typeof style['max_cost'] === 'number' ? style['max_cost'] : undefined,
  });
  return { ...estimate, model: formatModelSpec(spec), providerKnown };
}
