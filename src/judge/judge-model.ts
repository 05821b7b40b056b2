import { parseModelSpec, type ModelSpec } from '../model/model-spec.ts';

/** A judge's own model settings (`llm.judge:` in a profile, `judge:` in run.yml, `--judge-model`). */
export interface JudgeModelSettings {
  /** `provider:model` or a bare model name. */
  readonly model?: string | undefined;
  readonly temperature?: number | undefined;
}

/** The judge's default temperature: verdicts should not depend on the dice. */
export const JUDGE_TEMPERATURE = 0;

/** The judge model: the settings' model if given, else the profile's; temperature 0 unless set. */
export function judgeModelSpec(profileModel: ModelSpec, settings: JudgeModelSettings = {}): ModelSpec {
  const temperature = settings.temperature ?? JUDGE_TEMPERATURE;
  if (settings.model !== undefined && settings.model.trim() !== '') return parseModelSpec(settings.model, temperature);
  return { provider: profileModel.provider, model: profileModel.model, temperature };
}

/** The offline user makes no LLM call, and neither can a judge on that model. */
export function isOfflineModel(spec: Pick<ModelSpec, 'provider'>): boolean {
  return spec.provider === 'offline';
}
