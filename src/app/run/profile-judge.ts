import { OFFLINE_MODEL } from '../../check/helpers/llm/check-model.ts';
import { llmCheckModel } from '../../check/llm-check-model.ts';
import type { GoalJudge } from '../../conversation/ports.ts';
import type { JudgeCache, JudgeDeps } from '../../judge/index.ts';
import type { LlmRuntime } from '../../llm/llm-runtime.ts';
import { needsLlm } from '../../model/expectation.ts';
import { isOfflineModel, judgeModelFor } from '../../model/judge-model.ts';
import type { ModelSpec } from '../../model/model-spec.ts';
import type { Profile } from '../../model/profile.ts';
import type { RunSettings } from '../../model/run-settings.ts';
import { createGoalJudge, type ExpectationDeps } from '../../verdict/index.ts';
import type { PlannedProfile } from './prepare-run.ts';

/** The caps every LLM role of a conversation runs under. */
export interface ConversationCaps {
  readonly runMaxCostUsd?: number | undefined;
  readonly conversationMaxCostUsd?: number | undefined;
}

/** A profile's judge in a run: its model, and what the verdict step and `until: goal_achieved` need per conversation. */
export interface ProfileJudge {
  readonly spec: ModelSpec;
  /** The profile has judge criteria (or `until: goal_achieved`) and the judge has a model: check its key before the run. */
  readonly callsModel: boolean;
  /** For judgeResult: the judge client (none offline), the judge cache, cost labels and caps, the LLM helpers' model. */
  deps(conversation: string, caps: ConversationCaps): Omit<ExpectationDeps, 'skipLlm'>;
  goalJudge(conversation: string, goals: readonly string[], caps: ConversationCaps): GoalJudge;
}

export function profileJudge(
  profile: Profile,
  settings: Pick<RunSettings, 'judge' | 'model'>,
  llm: LlmRuntime,
  cache: JudgeCache | undefined,
  signal?: AbortSignal,
): ProfileJudge {
  const spec = judgeModelFor(profile.llm, settings);
  const offline = isOfflineModel(spec);
  const needed = profile.chatbot.expect.some(needsLlm) || profile.conversation.goalStyle.kind === 'until_goal_achieved';
  const judgeDeps = (conversation: string, caps: ConversationCaps): JudgeDeps => ({
    // Only a profile that has something to judge needs the judge's provider (and its key).
    client: offline || !needed ? undefined : llm.client(spec),
    cache,
    labels: { conversation, testName: profile.testName, ...caps },
    signal,
  });
  return {
    spec,
    callsModel: needed && !offline,
    deps: (conversation, caps) => ({
      judge: judgeDeps(conversation, caps),
      fileName: conversation,
      checkModel: offline
        ? OFFLINE_MODEL
        : llmCheckModel(llm, spec, { concurrency: 1, testName: profile.testName, runMaxCostUsd: caps.runMaxCostUsd }),
    }),
    goalJudge: (conversation, goals, caps) => createGoalJudge(goals, judgeDeps(conversation, caps)),
  };
}

/**
 * The judge of every profile of the run, by profile file. A judge that calls a model has its key
 * checked now, so a missing one stops the run before its first conversation.
 */
export function profileJudges(
  prepared: readonly PlannedProfile[],
  settings: Pick<RunSettings, 'judge' | 'model'>,
  llm: LlmRuntime,
  cache: JudgeCache | undefined,
  signal?: AbortSignal,
): ReadonlyMap<string, ProfileJudge> {
  const judges = new Map<string, ProfileJudge>();
  for (const { profile } of prepared) {
    const judge = profileJudge(profile, settings, llm, cache, signal);
    if (judge.callsModel) llm.check(judge.spec);
    judges.set(profile.file, judge);
  }
  return judges;
}
