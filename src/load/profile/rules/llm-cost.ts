import { pricingOverrideExample } from '../../../cost/pricing.ts';
import { formatModelSpec, parseModelSpec } from '../../../model/model-spec.ts';
import { asRecord, asString } from '../../../base/access.ts';
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
  const judgeText = asString(asRecord(llm?.['judge'])?.['model']);
  const judge = judgeText === undefined || judgeText.trim() === '' ? undefined : parseModelSpec(judgeText);
  if (judge !== undefined && !registry.has(judge.provider)) {
    ctx.sink.error(
      'llm-provider-unknown',
      ['llm', 'judge', 'model'],
      `unknown LLM provider \`${judge.provider}\` for the judge (known: ${registry
        .ids()
        .filter((id) => id !== 'offline')
        .join(', ')}, offline)`,
      {
        hint: `Give provider:model, e.g. openai:gpt-4o, or define \`${judge.provider}\` in run.yml: providers: {${judge.provider}: {kind: openai, base_url: ..., api_key_env: ...}}`,
      },
    );
  }
  const conversation = asRecord(ctx.profile['conversation']);
  const caps: (readonly string[])[] = [];
  if (typeof conversation?.['max_cost'] === 'number') caps.push(['conversation', 'max_cost']);
  if (typeof asRecord(conversation?.['goal_style'])?.['max_cost'] === 'number')
    caps.push(['conversation', 'goal_style', 'max_cost']);
  if (caps.length === 0) return;
  if (
    judge !== undefined &&
    registry.has(judge.provider) &&
    judge.provider !== 'offline' &&
    prices.priceFor(registry.get(judge.provider), judge.model) === null
  ) {
    ctx.sink.error(
      'price-unknown',
      ['llm', 'judge', 'model'],
      `max_cost needs the price of the judge model ${formatModelSpec(judge)}, which simsim does not know`,
      { hint: `Add it to run.yml: ${pricingOverrideExample(judge.model)}` },
    );
  }
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
