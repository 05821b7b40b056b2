import { parseModelSpec, type ModelSpec } from './model-spec.ts';

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

/**
 * The judge of one profile in a run: the run's judge (`--judge-model`, run.yml's `judge:`) wins
 * over the profile's `llm.judge`; both default to the profile's user model at temperature 0. A
 * run whose user model is offline (`--model offline`) judges offline too, unless the run names
 * a judge: a profile's own judge model does not bring the network back.
 */
export function judgeModelFor(
  profile: { readonly model: ModelSpec; readonly judge?: JudgeModelSettings | undefined },
  run: { readonly judge?: JudgeModelSettings | undefined; readonly model?: string | undefined },
): ModelSpec {
  const temperature = run.judge?.temperature ?? profile.judge?.temperature;
  if (run.judge?.model !== undefined) return judgeModelSpec(profile.model, { model: run.judge.model, temperature });
  if (run.model !== undefined && isOfflineModel(parseModelSpec(run.model)))
    return { provider: 'offline', model: 'offline', temperature: temperature ?? JUDGE_TEMPERATURE };
  return judgeModelSpec(profile.model, { model: profile.judge?.model, temperature });
}
