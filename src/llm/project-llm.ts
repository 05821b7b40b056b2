import { PriceTable } from '../cost/pricing.ts';
import { ProviderRegistry } from './registry.ts';
import type { LlmRunSettings } from './run-settings.ts';

/** What validation and planning need to know about a project's models: providers and prices. */
export interface ProjectLlm {
  readonly registry: ProviderRegistry;
  readonly prices: PriceTable;
}

export function projectLlm(settings?: Pick<LlmRunSettings, 'providers' | 'pricing'>): ProjectLlm {
  return { registry: new ProviderRegistry(settings?.providers), prices: new PriceTable(settings?.pricing) };
}
