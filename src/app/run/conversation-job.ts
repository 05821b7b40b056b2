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
import { senseiConversationFileName } from '../../output/run-layout.ts';
import { createRng, type Rng } from '../../base/random/rng.ts';
import { postProcessor } from '../../styles/interaction/index.ts';
import type { ConversationPlan } from '../../variables/plan-profile.ts';
import type { PlannedProfile } from './prepare-run.ts';

/** How a conversation's simulated user, goal checker and extractor are made. */
export interface UserFactory {
  user(persona: ConversationSpec['persona'], random: Rng): SimulatedUser;
  goalChecker(): GoalChecker;
  /** undefined: extraction by patterns only. */
  extractionLlm(): ReturnType<typeof jsonCompleter> | undefined;
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
  const client = llm.client(spec);
  return {
    user: (persona, random) =>
      createLlmUser(persona, chatCompleter(client, { ...labels, module: 'user_simulator' }), {
        addTypos: withStyles(postProcessor(persona.styles.names), random),
      }),
    goalChecker: () => createLlmGoalChecker(jsonCompleter(client, { ...labels, module: 'data_gathering' })),
    extractionLlm: () => jsonCompleter(client, { ...labels, module: 'data_extraction' }),
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
}

/** Plays one planned conversation: styles and goal style drawn from its own seeded stream. */
export async function runJob(job: JobContext): Promise<ConversationResult> {
  const { profile } = job.prepared;
  const random = createRng(job.conversation.seed);
  const styles = drawStyles(profile.conversation.interactionStyles, random.fork('styles'));
  const goalStyle = drawGoalStyle(profile.conversation.goalStyle, random.fork('goal-style'));
  const conversationName = senseiConversationFileName(job.folder, job.conversation.index, job.serial);
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
    id: `${job.folder}/${job.conversation.index}`,
    index: job.conversation.index,
    testName: profile.testName,
    profileFile: profile.file,
    serial: job.serial,
    seed: job.conversation.seed,
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
      goalStyle: goalStyleMetadata(profile.conversation.goalStyleRaw, profile.conversation.goalStyle, goalStyle),
    },
  };
  // The extraction modules (patterns, dates, the LLM path) load only for profiles with outputs.
  const extractor =
    spec.outputs.length === 0
      ? undefined
      : (await import('../../extraction/output-extractor.ts')).createOutputExtractor({
          completer: factory.extractionLlm(),
          now: job.clock,
        });
  return runConversation(spec, {
    user: factory.user(persona, random.fork('user')),
    bot: await job.openBot(),
    goalChecker: goalStyle.kind === 'all_answered' ? factory.goalChecker() : undefined,
    goalJudge:
      goalStyle.kind === 'until_goal_achieved' ? job.goalJudge?.(conversationName, goalsOf(spec.metadata)) : undefined,
    extractor,
    perceiver: job.perceiver?.(conversationName),
    random: random.fork('turns'),
    clock: job.clock,
    signal: job.signal,
    onTurn: job.onTurn,
    cost: job.cost ? () => job.cost?.(conversationName) ?? { usd: 0, byModule: {} } : undefined,
    stopFor: stopForBudget,
  });
}
