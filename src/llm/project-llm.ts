import { PriceTable } from '../cost/pricing.ts';
import { ProviderRegistry } from './registry.ts';
import type { ProviderEntry, PriceOverrides } from '../model/run-settings.ts';

/** What validation and planning need to know about a project's models: providers and prices. */
export interface ProjectLlm {
  readonly registry: ProviderRegistry;
  readonly prices: PriceTable;
}

export function projectLlm(settings?: {
  readonly providers?: Readonly<Record<string, ProviderEntry>> | undefined;
  readonly pricing?: PriceOverrides | undefined;
}): ProjectLlm {
  return { registry: new ProviderRegistry(settings?.providers), prices: new PriceTable(settings?.pricing) };
}
