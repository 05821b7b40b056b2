import { pricingOverrideExample } from '../../../cost/pricing.ts';
import { formatModelSpec } from '../../../model/model-spec.ts';
import { asRecord } from '../../../base/access.ts';
import type { ProfileContext } from './context.ts';

/**
 * The profile's model must name a known provider, and a `max_cost` needs a known price:
 * without one the cap cannot be enforced, so say which `pricing:` entry to add.
 */
export function checkLlmCost(ctx: ProfileContext): void {
  const llm = asRecord(ctx.profile['llm']);
  const spec = ctx.model;
  const { registry, prices } = ctx.llm;
  const where =
    llm?.['model_prov'] !== undefined && llm['model_prov'] !== null
      ? ['llm', 'model_prov']
      : llm?.['model'] !== undefined
        ? ['llm', 'model']
        : [];
  if (!registry.has(spec.provider)) {
    ctx.sink.error(
      'llm-provider-unknown',
      where,
      `unknown LLM provider \`${spec.provider}\` (known: ${registry
        .ids()
        .filter((id) => id !== 'offline')
        .join(', ')})`,
      {
        hint: `Define it in run.yml: providers: {${spec.provider}: {kind: openai, base_url: ..., api_key_env: ...}}`,
      },
    );
    return;
  }
  const conversation = asRecord(ctx.profile['conversation']);
  const caps: (readonly string[])[] = [];
  if (typeof conversation?.['max_cost'] === 'number') caps.push(['conversation', 'max_cost']);
  if (typeof asRecord(conversation?.['goal_style'])?.['max_cost'] === 'number')
    caps.push(['conversation', 'goal_style', 'max_cost']);
  if (caps.length === 0) return;
  if (prices.priceFor(registry.get(spec.provider), spec.model) !== null) return;
  for (const path of caps) {
    ctx.sink.error(
      'price-unknown',
      path,
      `max_cost needs the price of ${formatModelSpec(spec)}, which simsim does not know`,
      {
        key: true,
        hint: `Add it to run.yml: ${pricingOverrideExample(spec.model)}`,
      },
    );
  }
}
