import { SimsimError } from '../base/errors.ts';
import { BudgetExceededError } from '../cost/errors.ts';
import type { Rng } from '../base/random/rng.ts';
import { SimulatorError } from './llm-user.ts';
import { createFallbackDetector, FallbackTracker } from './fallback-detector.ts';
import { goalKey, type ActiveGoalStyle } from './goal-style.ts';
import type { Persona } from './persona.ts';
import type {
  BotReply,
  BotSession,
  GoalChecker,
  GoalJudge,
  OutputExtractor,
  ReplyPerceiver,
  SimulatedUser,
  TurnNote,
} from './ports.ts';
import { unperceived } from './seen-text.ts';
import { missingOutputsError, SENSEI_ERRORS, statusOf, type Stop } from './stop.ts';
import { drawTurnLanguage, stylesMetadata } from './styles.ts';
import type {
  CodedError,
  ConversationMetadata,
  ConversationResult,
  ExtractedOutput,
  GoalCheck,
  ModuleCost,
  SeenPart,
  Turn,
} from './types.ts';
import type { OutputSpec } from '../model/output-type.ts';
import type { ConversationEndings } from '../model/profile.ts';
import { saidStopPhrase } from '../base/text/stop-phrases.ts';
import { plural } from '../base/text/plural.ts';

/** One planned conversation, with everything decided before it starts. */
export interface ConversationSpec extends Pick<
  ConversationResult,
  'id' | 'index' | 'trial' | 'testName' | 'profileFile' | 'serial' | 'seed'
> {
  readonly persona: Persona;
  readonly fallback: string;
  readonly fallbackThreshold?: number | undefined;
  readonly isStarter: boolean;
  readonly goalStyle: ActiveGoalStyle;
  readonly outputs: readonly OutputSpec[];
  readonly metadata: Omit<ConversationMetadata, 'interactionStyles'>;
  /** Sent as the first user message word for word: the simulated user is not asked for it. */
  readonly firstMessage?: string | undefined;
  /** Endings besides the goal style (test cases), checked after each chatbot reply. */
  readonly endWhen?: ConversationEndings | undefined;
}

export interface ConversationDeps {
  readonly user: SimulatedUser;
  readonly bot: BotSession;
  /** Needed for `all_answered` and for ending when the goal is achieved. */
  readonly goalChecker?: GoalChecker | undefined;
  /** Needed for `until: goal_achieved`; without one the conversation runs to its limit. */
  readonly goalJudge?: GoalJudge | undefined;
  readonly extractor?: OutputExtractor | undefined;
  /** Reads the links, images and files of replies for the user; without it the user sees only their addresses. */
  readonly perceiver?: ReplyPerceiver | undefined;
  /** This conversation's own random stream. */
  readonly random: Rng;
  readonly clock: () => Date;
  readonly signal?: AbortSignal | undefined;
  readonly onTurn?: ((turn: Turn) => void) | undefined;
  /** Spending of this conversation so far, from the cost ledger. */
  readonly cost?: (() => { usd: number | null; byModule: Record<string, ModuleCost> }) | undefined;
  /** Turns a typed error of the LLM layer into a stop (cost caps); undefined for anything else. */
  readonly stopFor?: ((error: unknown) => Stop | undefined) | undefined;
}

/**
 * Thrown to end the conversation, and caught by runConversation itself: its stack is of no use,
 * and recording one (asynchronous frames included) cost more than the rest of an ending.
 */
class Ended extends Error {
  readonly stop: Stop;
  constructor(stop: Stop) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(stop.detail);
    Error.stackTraceLimit = limit;
    this.stop = stop;
  }
}

const seconds = (ms: number) => Math.round(ms) / 1000;

/** A typed failure of one of simsim's LLM roles (an API error after retries, unusable JSON): it fails this conversation only. */
function roleFailure(error: unknown): string | undefined {
  return error instanceof SimsimError && error.scope === 'conversation' && !(error instanceof BudgetExceededError)
    ? error.message
    : undefined;
}

/**
 * Plays one conversation between a simulated user and the chatbot until its goal style, the
 * chatbot, the user, a cost cap or an interruption ends it. Never throws for chatbot or
 * simulator failures: they become the stop reason and error turns of the result.
 */
export async function runConversation(spec: ConversationSpec, deps: ConversationDeps): Promise<ConversationResult> {
  const { user, bot, random, clock, signal } = deps;
  const startedAt = clock();
  const turns: Turn[] = [];
  const errors: CodedError[] = [];
  const simulatorIssues: string[] = [];
  const responseTimes: number[] = [];
  const turnLanguages: string[] = [];
  const detector = createFallbackDetector(spec.fallback, spec.fallbackThreshold);
  const tracker = new FallbackTracker();
  const goals = spec.persona.goals;
  let answered: GoalCheck[] | undefined;
  let outputs: ExtractedOutput[] | undefined;
  let userTurns = 0;

  const push = (turn: Turn) => {
    turns.push(turn);
    deps.onTurn?.(turn);
  };
  const botTurn = (reply: BotReply): Turn => {
    const at = clock().toISOString();
    if (!reply.ok) {
      const error = { code: reply.error.code, message: reply.error.message };
      return { role: 'assistant', text: `Error: ${reply.error.message}`, error, at };
    }
    return {
      role: 'assistant',
      text: reply.text,
      messages: reply.messages.length > 1 ? reply.messages : undefined,
      responseSeconds: seconds(reply.elapsedMs),
      fallback: detector.isFallback(reply.text),
      at,
      ...(reply.toolOutputs !== undefined && reply.toolOutputs.length > 0 ? { toolOutputs: reply.toolOutputs } : {}),
    };
  };
  /** The reply perception step: what the user sees of a reply besides its text. */
  const perceive = async (reply: BotReply): Promise<readonly SeenPart[] | undefined> => {
    if (!reply.ok || reply.parts === undefined || reply.parts.length === 0) return undefined;
    return deps.perceiver ? deps.perceiver.perceive(reply.parts, signal) : reply.parts.map(unperceived);
  };
  const pushBot = async (reply: BotReply) => {
    const parts = await perceive(reply);
    const speech = reply.ok ? reply.speech : undefined;
    if (speech) {
      // The user's audio is known once it was sent: it joins the user's turn, already pushed.
      const last = turns.length - 1;
      const user = turns[last];
      if (user?.role === 'user') turns[last] = { ...user, speech: speech.user };
    }
    push({ ...botTurn(reply), ...(parts ? { parts } : {}), ...(speech ? { speech: speech.assistant } : {}) });
  };
  const failOn = (reply: BotReply) => {
    if (reply.ok) {
      // A reply made only of tool calls is not empty: the user can follow up on what they found.
      if (reply.text.trim() !== '' || (reply.toolOutputs?.length ?? 0) > 0) return;
      if (spec.endWhen?.emptyReply)
        throw new Ended({
          reason: 'chatbot_done',
          detail: 'the chatbot sent an empty reply, which ends the conversation',
        });
      throw new Ended({ reason: 'chatbot_empty', detail: 'the chatbot sent an empty reply' });
    }
    errors.push({ code: reply.error.code, message: reply.error.message });
    throw new Ended({
      reason: reply.error.code === 504 ? 'chatbot_timeout' : 'chatbot_error',
      detail: reply.error.message,
    });
  };
  const extractAll = async (): Promise<ExtractedOutput[]> => {
    if (!deps.extractor || spec.outputs.length === 0) return [];
    return deps.extractor.extract(spec.outputs, turns, signal);
  };

  /** Sensei's end_conversation, after every chatbot message; returns the notes for the next user turn. */
  const afterBotMessage = async (): Promise<TurnNote[]> => {
    const style = spec.goalStyle;
    // Before the message limit: a goal met on the last reply ends as achieved, not as steps reached.
    if (spec.endWhen?.goalAchieved && deps.goalChecker && userTurns > 0) {
      answered = await deps.goalChecker.check(goals, turns, signal, (issue) =>
        simulatorIssues.push(`after user message ${userTurns}: ${issue}`),
      );
      if (answered.length > 0 && answered.every((g) => g.answered))
        throw new Ended({ reason: 'goal_achieved', detail: "the goal checker found the user's goal achieved" });
    }
    if (style.kind === 'steps' && userTurns >= style.steps)
      throw new Ended({ reason: 'steps_reached', detail: `the user sent its ${plural(style.steps, 'message')}` });
    const last = turns.at(-1);
    const action = tracker.observe(last?.role === 'assistant' && last.fallback === true);
    if (action === 'give_up')
      throw new Ended({
        reason: 'fallback_loop',
        detail: 'the chatbot answered with its fallback 9 times in a row',
        error: SENSEI_ERRORS.loop,
      });
    if (style.kind === 'all_answered' && deps.goalChecker && userTurns > 0) {
      answered = await deps.goalChecker.check(goals, turns, signal, (issue) =>
        simulatorIssues.push(`after user message ${userTurns}: ${issue}`),
      );
      if (answered.every((g) => g.answered)) {
        outputs = await extractAll();
        if (outputs.every((o) => o.status === 'ok'))
          throw new Ended({ reason: 'all_answered', detail: 'the chatbot answered every goal and gave every output' });
      }
    }
    if (style.kind === 'until_goal_achieved' && deps.goalJudge && userTurns > 0) {
      const judged = await deps.goalJudge.achieved(turns, signal);
      if (judged.achieved)
        throw new Ended({ reason: 'goal_achieved', detail: `the judge found the goals achieved: ${judged.reason}` });
    }
    if (style.kind === 'until_goal_achieved' && userTurns >= style.limit)
      throw new Ended({
        reason: 'goal_limit',
        detail: `the user sent ${plural(style.limit, 'message')} (the goal_style limit) before the goals were achieved`,
      });
    if (style.kind === 'all_answered' && userTurns >= style.limit)
      throw new Ended({
        reason: 'answered_limit',
        detail: `the user sent ${plural(style.limit, 'message')} (the all_answered limit)`,
      });
    const notes: TurnNote[] = [];
    if (action === 'rephrase') notes.push({ kind: 'rephrase' });
    if (action === 'change_topic') notes.push({ kind: 'change_topic' });
    return notes;
  };

  /** The chatbot's reply is read first: it had the last word. The user's message was sent and answered. */
  const endOnStopPhrase = (chatbotText: string, userText: string) => {
    const phrases = spec.endWhen?.phrases ?? [];
    if (phrases.length === 0) return;
    for (const [who, text] of [
      ['chatbot', chatbotText],
      ['user', userText],
    ] as const) {
      const said = saidStopPhrase(text, phrases);
      if (said !== undefined) throw new Ended({ reason: 'stop_phrase', detail: `the ${who} said "${said}"` });
    }
  };

  /** A request the interrupt cut off is no chatbot failure: the conversation is interrupted. */
  const unlessInterrupted = (reply: BotReply): BotReply => {
    if (!reply.ok) signal?.throwIfAborted();
    return reply;
  };

  let stop: Stop;
  try {
    if (spec.isStarter) {
      const greeting = await bot.start();
      if (greeting) {
        unlessInterrupted(greeting);
        await pushBot(greeting);
        failOn(greeting);
      }
    }
    for (;;) {
      signal?.throwIfAborted();
      const notes = turns.length > 0 ? await afterBotMessage() : [];
      let language: string | undefined;
      if (spec.persona.styles.changeLanguages) {
        language = drawTurnLanguage(spec.persona.styles, spec.persona.language, random);
        turnLanguages.push(language);
        notes.push({ kind: 'language', language });
      }
      const reply =
        userTurns === 0 && spec.firstMessage !== undefined
          ? { text: spec.firstMessage, done: false, intended: undefined, button: undefined }
          : await user.next({ history: turns, userTurns, notes, signal });
      if (reply.done && reply.text.trim() === '')
        throw new Ended({ reason: 'user_done', detail: 'the simulated user had everything it came for' });
      push({
        role: 'user',
        text: reply.text,
        intended: reply.intended,
        language,
        ...(reply.button ? { button: reply.button } : {}),
        at: clock().toISOString(),
      });
      userTurns++;
      const answer = unlessInterrupted(await bot.send(reply.text, reply.button ? { button: reply.button } : undefined));
      await pushBot(answer);
      if (answer.ok) responseTimes.push(seconds(answer.elapsedMs));
      failOn(answer);
      endOnStopPhrase(answer.ok ? answer.text : '', reply.text);
      if (reply.done) throw new Ended({ reason: 'user_done', detail: 'the simulated user said goodbye' });
    }
  } catch (error) {
    if (error instanceof Ended) stop = error.stop;
    else if (signal?.aborted) stop = { reason: 'interrupted', detail: 'the run was interrupted' };
    else if (error instanceof SimulatorError || roleFailure(error) !== undefined) {
      const message = (error as Error).message;
      simulatorIssues.push(message);
      stop = { reason: 'simulator_error', detail: message };
    } else {
      const mapped = deps.stopFor?.(error);
      if (!mapped) throw error;
      stop = mapped;
    }
  } finally {
    await bot.close().catch(() => undefined);
  }
  if (stop.error) errors.push(stop.error);

  const canExtract =
    stop.reason !== 'interrupted' && stop.reason !== 'cost_cap_run' && stop.reason !== 'cost_cap_conversation';
  if (outputs === undefined && canExtract) {
    try {
      outputs = await extractAll();
    } catch (error) {
      const mapped = deps.stopFor?.(error);
      const failure = roleFailure(error);
      if (signal?.aborted) stop = { reason: 'interrupted', detail: 'the run was interrupted during output extraction' };
      else if (mapped?.error) errors.push(mapped.error);
      else if (failure !== undefined) simulatorIssues.push(`output extraction failed: ${failure}`);
      else throw error;
    }
  }
  const finalOutputs: ExtractedOutput[] =
    outputs ?? spec.outputs.map((o) => ({ name: o.name, value: null, status: 'missing' }));
  for (const note of new Set(finalOutputs.map((o) => o.note).filter((n) => n !== undefined)))
    simulatorIssues.push(note);
  // An interrupted conversation is played again on resume: its outputs are not missing, just not looked for yet.
  const missing =
    stop.reason === 'interrupted'
      ? undefined
      : missingOutputsError(finalOutputs.filter((o) => o.status !== 'ok').length);
  if (missing) errors.push(missing);

  const endedAt = clock();
  const cost = deps.cost?.() ?? { usd: 0, byModule: {} };
  return {
    id: spec.id,
    index: spec.index,
    ...(spec.trial === undefined ? {} : { trial: spec.trial }),
    testName: spec.testName,
    profileFile: spec.profileFile,
    serial: spec.serial,
    seed: spec.seed,
    status: statusOf(stop),
    stopReason: stop.reason,
    stopDetail: stop.detail,
    turns,
    errors,
    simulatorIssues,
    outputs: finalOutputs,
    answered:
      spec.goalStyle.kind === 'all_answered' || spec.endWhen?.goalAchieved
        ? (answered ?? goals.map((goal) => ({ goal, key: goalKey(goal), answered: false, evidence: null })))
        : undefined,
    metadata: { ...spec.metadata, interactionStyles: stylesMetadata(spec.persona.styles, turnLanguages) },
    timing: {
      startedAt: startedAt.toISOString(),
      endedAt: endedAt.toISOString(),
      conversationSeconds: seconds(endedAt.getTime() - startedAt.getTime()),
      responseTimes,
    },
    cost,
  };
}
