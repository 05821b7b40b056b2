import { runConversation, type ConversationSpec } from '../../conversation/engine.ts';
import { goalStyleMetadata, drawGoalStyle } from '../../conversation/goal-style.ts';
import { createLlmGoalChecker } from '../../conversation/llm-goal-checker.ts';
import { createLlmUser } from '../../conversation/llm-user.ts';
import type { BotSession, GoalChecker, GoalJudge, ReplyPerceiver, SimulatedUser } from '../../conversation/ports.ts';
import type { Stop } from '../../conversation/stop.ts';
import { drawStyles } from '../../conversation/styles.ts';
import type { ConversationResult, Turn } from '../../conversation/types.ts';
import { BudgetExceededError } from '../../cost/errors.ts';
import { goalsOf } from '../../judge/goals.ts';
import { chatCompleter, jsonCompleter } from './engine-ports.ts';
import type { LlmRuntime } from '../../llm/llm-runtime.ts';
import type { ModelSpec } from '../../model/model-spec.ts';
import { conversationId, senseiConversationFileName } from '../../output/run-layout.ts';
import { createRng, type Rng } from '../../base/random/rng.ts';
import { postProcessor } from '../../styles/interaction/index.ts';
import type { ConversationPlan } from '../../variables/plan-profile.ts';
import { trialSeed } from '../../variables/trial-seed.ts';
import type { PlannedProfile } from './prepare-run.ts';
import { recordedMessages } from '../replay/compare-replies.ts';
import { markReplay, type ReplayMode } from '../replay/mark-replay.ts';
import { forkUser, scriptedUser, type ForkState } from '../replay/replay-users.ts';

/** How a conversation's simulated user, goal checker and extractor are made. */
export interface UserFactory {
  user(persona: ConversationSpec['persona'], random: Rng): SimulatedUser;
  goalChecker(): GoalChecker;
  /** undefined: extraction by patterns only. */
  extractionLlm(): ReturnType<typeof jsonCompleter> | undefined;
  /** The user keeps state of its own between messages (the offline user), rather than reading it all from the history. */
  readonly stateful?: boolean | undefined;
}

/** The LLM-played user: every role goes through the LLM layer, labelled for the cost ledger. */
export function llmUserFactory(
  llm: LlmRuntime,
  spec: ModelSpec,
  labels: {
    conversation: string;
    testName: string;
    runMaxCostUsd?: number | undefined;
    conversationMaxCostUsd?: number | undefined;
  },
): UserFactory {
  // Made when a role first needs it: a strict replay needs none (and no API key).
  let made: ReturnType<LlmRuntime['client']> | undefined;
  const client = () => (made ??= llm.client(spec));
  return {
    user: (persona, random) =>
      createLlmUser(persona, chatCompleter(client(), { ...labels, module: 'user_simulator' }), {
        addTypos: withStyles(postProcessor(persona.styles.names), random),
      }),
    goalChecker: () => createLlmGoalChecker(jsonCompleter(client(), { ...labels, module: 'data_gathering' })),
    extractionLlm: () => jsonCompleter(client(), { ...labels, module: 'data_extraction' }),
  };
}

/** The styles' changes to each message the LLM-played user writes, drawn from the conversation's stream. */
function withStyles(
  post: ((text: string, random: Rng) => string) | undefined,
  random: Rng,
): ((text: string) => string) | undefined {
  return post === undefined ? undefined : (text) => post(text, random);
}

/** Cost caps of the LLM layer become Sensei's 2000/2001 stops. */
export function stopForBudget(error: unknown): Stop | undefined {
  if (!(error instanceof BudgetExceededError)) return undefined;
  return error.scope === 'run'
    ? { reason: 'cost_cap_run', detail: error.message, error: { code: 2000, message: 'Exceeded global cost' } }
    : {
        reason: 'cost_cap_conversation',
        detail: error.message,
        error: { code: 2001, message: 'Exceeded conversation specific cost' },
      };
}

export interface JobContext {
  readonly prepared: PlannedProfile;
  readonly conversation: ConversationPlan;
  /** The profile's Sensei test folder (its test name, or `<test_name>_<n>`). */
  readonly folder: string;
  /** 1..k when the run plays trials; undefined otherwise. */
  readonly trial?: number | undefined;
  readonly serial: string;
  readonly users: (conversationName: string) => UserFactory;
  readonly openBot: () => Promise<BotSession>;
  /** What the user perceives of links, images and files, charged to the named conversation. */
  readonly perceiver?: ((conversationName: string) => ReplyPerceiver) | undefined;
  readonly clock: () => Date;
  readonly signal?: AbortSignal | undefined;
  readonly onTurn?: ((turn: Turn) => void) | undefined;
  readonly cost?: ((conversationName: string) => ConversationResult['cost']) | undefined;
  /** goal_style `until: goal_achieved`: the judge asked after each chatbot message, charged to the named conversation. */
  readonly goalJudge?: ((conversationName: string, goals: readonly string[]) => GoalJudge) | undefined;
  /** A replayed conversation: the recorded one and how to replay it. */
  readonly replay?: JobReplay | undefined;
}

/** How one recorded conversation is replayed (`simsim replay`). */
export interface JobReplay {
  readonly recorded: ConversationResult;
  readonly mode: ReplayMode;
  /** `fork`: the similarity a reply needs to keep replaying. */
  readonly threshold: number;
  /** `fork`: filled in while the conversation runs. */
  readonly state: ForkState;
}

/** Plays one planned conversation: styles and goal style drawn from its own seeded stream. */
export async function runJob(job: JobContext): Promise<ConversationResult> {
  const { profile } = job.prepared;
  const seed = trialSeed(job.conversation.seed, job.trial);
  const random = createRng(seed);
  const styles = drawStyles(profile.conversation.interactionStyles, random.fork('styles'));
  const drawn = drawGoalStyle(profile.conversation.goalStyle, random.fork('goal-style'));
  const strict = job.replay?.mode === 'strict';
  // Strict replay sends the recorded messages and nothing else: no goal check decides the end.
  const goalStyle: typeof drawn = strict
    ? { kind: 'steps', steps: recordedMessages(job.replay?.recorded.turns ?? []).length }
    : drawn;
  const conversationName = senseiConversationFileName(job.folder, job.conversation.index, job.serial, job.trial);
  const factory = job.users(conversationName);
  const persona = {
    role: profile.user.role,
    context: profile.user.context,
    language: profile.user.language ?? 'English',
    goals: job.conversation.goals,
    goalPhrase: job.conversation.goalPhrase,
    values: job.conversation.values,
    styles,
  };
  const goals = profile.goals.sentences.map((s) => s.text);
  const spec: ConversationSpec = {
    id: conversationId(job.folder, job.conversation.index, job.trial),
    index: job.conversation.index,
    trial: job.trial,
    testName: profile.testName,
    profileFile: profile.file,
    serial: job.serial,
    seed,
    persona,
    fallback: profile.chatbot.fallback,
    isStarter: profile.chatbot.isStarter,
    goalStyle,
    outputs: profile.chatbot.outputs,
    metadata: {
      language: profile.user.language ?? 'English',
      context: profile.user.contextRaw,
      askAbout: [...goals, ...Object.entries(job.conversation.values).map(([name, value]) => ({ [name]: value }))],
      number: job.prepared.plan.count,
      goalStyle: goalStyleMetadata(profile.conversation.goalStyleRaw, profile.conversation.goalStyle, drawn),
    },
    firstMessage: profile.conversation.firstMessage,
    endWhen: profile.conversation.endWhen,
  };
  // Strict replay makes no LLM call: outputs are found by patterns.
  // The extraction modules (patterns, dates, the LLM path) load only for profiles with outputs.
  const extractor =
    spec.outputs.length === 0
      ? undefined
      : (await import('../../extraction/output-extractor.ts')).createOutputExtractor({
          completer: strict ? undefined : factory.extractionLlm(),
          now: job.clock,
        });
  const checksGoals = goalStyle.kind === 'all_answered' || profile.conversation.endWhen?.goalAchieved === true;
  // Strict replay's user is the recording: the profile's own user (and its model) is never made.
  const user =
    strict && job.replay
      ? scriptedUser(job.replay.recorded.turns)
      : replayUser(job.replay, factory, factory.user(persona, random.fork('user')));
  const result = await runConversation(spec, {
    user,
    bot: await job.openBot(),
    goalChecker: checksGoals && !strict ? factory.goalChecker() : undefined,
    goalJudge:
      goalStyle.kind === 'until_goal_achieved' && !strict
        ? job.goalJudge?.(conversationName, goalsOf(spec.metadata))
        : undefined,
    extractor,
    perceiver: job.perceiver?.(conversationName),
    random: random.fork('turns'),
    clock: job.clock,
    signal: job.signal,
    onTurn: job.onTurn,
    cost: job.cost ? () => job.cost?.(conversationName) ?? { usd: 0, byModule: {} } : undefined,
    stopFor: stopForBudget,
  });
  const played = profile.testCase === undefined ? result : { ...result, testCase: profile.testCase };
  return job.replay === undefined ? played : markReplay(played, job.replay);
}

function replayUser(replay: JobReplay | undefined, factory: UserFactory, user: SimulatedUser): SimulatedUser {
  if (replay === undefined) return user;
  return forkUser(replay.recorded.turns, user, {
    threshold: replay.threshold,
    warm: factory.stateful === true,
    state: replay.state,
  });
}
