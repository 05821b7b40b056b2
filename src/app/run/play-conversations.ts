import { setImmediate as afterPendingIo } from 'node:timers/promises';
import { isSimsimError } from '../../base/errors.ts';
import { hashHex } from '../../base/random/hash.ts';
import type { BotSession } from '../../conversation/ports.ts';
import type { ConversationResult } from '../../conversation/types.ts';
import type { LlmRuntime } from '../../llm/llm-runtime.ts';
import { llmDescriber, offlineDescriber } from '../../media/describe-image.ts';
import type { MediaReader } from '../../media/media-reader.ts';
import { formatModelSpec } from '../../model/model-spec.ts';
import type { Profile } from '../../model/profile.ts';
import type { RunSettings } from '../../model/run-settings.ts';
import type { AttemptRecord } from '../../model/verdict.ts';
import { isChatbotFailure } from '../../output/conversation-verdict.ts';
import { OutputWriteError } from '../../output/output-write-error.ts';
import { conversationAudioDir, conversationId, senseiConversationFileName } from '../../output/run-layout.ts';
import { writeConversation } from '../../output/write-conversation.ts';
import type { SpeechPlan } from '../../speech/prepare-speech.ts';
import type { ConversationPlan } from '../../variables/plan-profile.ts';
import { judgeResult } from '../../verdict/index.ts';
import type { OpenedChatbot } from '../open-chatbot.ts';
import { replaySummary } from '../replay/mark-replay.ts';
import type { ReplaySetup } from '../replay/replay-setup.ts';
import { llmUserFactory, runJob, type JobReplay, type UserFactory } from './conversation-job.ts';
import type { RunReporter, RunTotals } from './events.ts';
import type { InOrder } from './in-order.ts';
import type { PlannedProfile } from './prepare-run.ts';
import type { ProfileJudge } from './profile-judge.ts';
import type { ReportSource } from './run-reports.ts';

/** The seed of attempt `attempt` (2, 3, ...) of a conversation played again: derived from its planned seed, so a rerun with the same --seed retries the same way. */
function retrySeed(planned: string, attempt: number): string {
  return hashHex(`${planned}/attempt:${attempt}`);
}

/** One planned conversation (and trial) the run plays. */
export interface RunJob {
  readonly prepared: PlannedProfile;
  readonly conversation: ConversationPlan;
  /** The profile's Sensei test folder. */
  readonly folder: string;
  readonly trial: number | undefined;
  /** Its place in plan order, where the reports list it. */
  readonly position: number;
  /** A replay's recording of it. */
  readonly recorded: ConversationResult | undefined;
}

/** What the run counts as its conversations play: what its progress shows and how it ends. */
export class RunTally {
  /** Conversations written, those of earlier attempts of a resumed run included. */
  finished: number;
  /** Finished conversations the chatbot failed, earlier attempts included. */
  failed: number;
  running = 0;
  /** Conversations never started: the cost cap was reached, the run was interrupted or a write failed. */
  notStarted = 0;
  /** The run's cost cap was reached: no more conversations start. */
  budgetReached = false;
  /** The first write that failed: no more conversations start, and the run fails with it. */
  writeFailure: { readonly error: unknown } | undefined;

  constructor(finished: number, failed: number) {
    this.finished = finished;
    this.failed = failed;
  }
}

export interface PlayContext {
  readonly llm: LlmRuntime;
  readonly chatbot: OpenedChatbot;
  readonly settings: RunSettings;
  readonly serial: string;
  readonly outputDir: string;
  /** What no written file may hold. */
  readonly secrets: readonly string[];
  readonly reporter: RunReporter;
  readonly clock: () => Date;
  readonly signal: AbortSignal | undefined;
  /** By profile file. */
  readonly judges: ReadonlyMap<string, ProfileJudge>;
  /** By profile file: the speech profiles' engines. */
  readonly speechPlans: ReadonlyMap<string, SpeechPlan>;
  /** The reader of links, images and files in replies, loaded with the first reply that has any. */
  readonly mediaReader: () => Promise<MediaReader>;
  readonly replay: ReplaySetup | undefined;
  /** Filled in: the replay record of each replayed conversation, by id. */
  readonly replays: Map<string, Record<string, unknown>>;
  /** Takes each written conversation (or a hole for one not played) to the reports, in plan order. */
  readonly inOrder: InOrder<ReportSource | undefined>;
  readonly tally: RunTally;
  readonly totals: () => RunTotals;
  /** A profile's cap on what the run spends on it (a shard's share of its max_cost). */
  readonly profileCap: (profile: Profile) => number | undefined;
}

/**
 * Plays the jobs, `concurrency` at once: each worker takes the next planned conversation as its
 * last one ends. A worker's previous conversation is still being written while its next one
 * starts (at most one each); once a write fails no conversation starts, and the run fails with
 * that error (left in the tally).
 */
export async function playConversations(jobs: IterableIterator<RunJob>, context: PlayContext): Promise<void> {
  const play = conversationPlayer(context);
  await Promise.all(
    Array.from({ length: Math.max(1, context.settings.concurrency) }, async () => {
      let writing: Promise<void> = Promise.resolve();
      for (const job of jobs) {
        const { written } = await play(job);
        await writing;
        writing = written;
      }
      await writing;
    }),
  );
}

/**
 * Plays one conversation, judges it (again with the next seed when its simulated user spoiled
 * it), and resolves, once the chatbot is done with it, to the writing of its files, so that its
 * worker starts the next conversation while the disk flush runs.
 */
function conversationPlayer(context: PlayContext): (job: RunJob) => Promise<{ readonly written: Promise<void> }> {
  const { llm, chatbot, settings, serial, outputDir, reporter, clock, signal, replay, tally } = context;
  return async (job) => {
    if (signal?.aborted || tally.budgetReached || tally.writeFailure !== undefined) {
      tally.notStarted++;
      context.inOrder.put(job.position, undefined);
      return { written: Promise.resolve() };
    }
    const { profile } = job.prepared;
    const ref = {
      id: conversationId(job.folder, job.conversation.index, job.trial),
      testName: profile.testName,
      index: job.conversation.index,
    };
    tally.running++;
    reporter.onConversationStart?.(ref, context.totals());
    const spec = profile.llm.model;
    const caps = {
      runMaxCostUsd: context.profileCap(profile),
      conversationMaxCostUsd: profile.conversation.maxCostPerConversation,
    };
    const offline = spec.provider === 'offline' ? await import('./offline-user-factory.ts') : undefined;
    const users = (conversation: string): UserFactory =>
      offline
        ? offline.offlineUserFactory(job.prepared.plan.variables, profile)
        : llmUserFactory(llm, spec, { conversation, testName: profile.testName, ...caps });
    const conversationName = senseiConversationFileName(job.folder, job.conversation.index, serial, job.trial);
    const judge = context.judges.get(profile.file);
    const costOf = (name: string) => {
      const total = llm.ledger.totals({ conversation: name });
      return { usd: total.unpricedCalls > 0 ? null : total.usd, byModule: llm.ledger.moduleTotals(name) };
    };
    const simulatedUser = spec.provider === 'offline' ? 'offline' : formatModelSpec(spec);
    // A replay marks the attempt that ends up recorded: each attempt replays from the start.
    let replaying: JobReplay | undefined;
    const playOnce = (conversation: ConversationPlan) =>
      runJob({
        ...job,
        conversation,
        serial,
        users,
        replay: (replaying =
          replay === undefined || job.recorded === undefined
            ? undefined
            : {
                recorded: job.recorded,
                mode: replay.mode,
                threshold: replay.threshold,
                state: { divergedAfter: undefined },
              }),
        openBot: async (): Promise<BotSession> => {
          const session = await chatbot.connector.open({ signal, parameters: profile.chatbot.parameters });
          const speech = context.speechPlans.get(profile.file);
          if (speech === undefined) return session;
          return speech.open(session, {
            runDir: outputDir,
            audioDir: conversationAudioDir(outputDir, serial, job.folder, job.conversation.index, job.trial),
            labels: { module: 'speech', conversation: conversationName, testName: profile.testName, ...caps },
            signal,
          });
        },
        perceiver: (conversation) => ({
          perceive: async (parts, partSignal) =>
            (await context.mediaReader())
              .perceiverFor(
                spec.provider === 'offline' || replay?.mode === 'strict'
                  ? offlineDescriber
                  : llmDescriber(llm.client(spec)),
                { module: 'media', conversation, testName: profile.testName, ...caps },
              )
              .perceive(parts, partSignal),
        }),
        clock,
        signal,
        onTurn: (turn) => reporter.onTurn?.(ref, turn),
        cost: costOf,
        goalJudge: judge === undefined ? undefined : (name, goals) => judge.goalJudge(name, goals, caps),
      });
    // The verdict step; a conversation its simulated user spoiled is played again with the next seed.
    const attempts: AttemptRecord[] = [];
    let conversation = job.conversation;
    let result: ConversationResult;
    for (;;) {
      const played = { ...(await playOnce(conversation)), simulatedUser };
      const judged = judge
        ? await judgeResult(played, profile.chatbot.expect, judge.deps(conversationName, caps))
        : { result: played };
      if (judged.budget?.scope === 'run') tally.budgetReached = true;
      // The judge's calls count in the conversation's cost too.
      result = { ...judged.result, cost: costOf(conversationName) };
      const retry =
        result.verdict === 'simulator_fault' &&
        attempts.length < settings.retrySimulatorFaults &&
        !tally.budgetReached &&
        signal?.aborted !== true &&
        !result.stopReason.startsWith('cost_cap') &&
        judged.budget === undefined;
      if (!retry) break;
      attempts.push({
        attempt: attempts.length + 1,
        seed: conversation.seed,
        verdict: 'simulator_fault',
        stopReason: result.stopReason,
        turns: result.turns.length,
        simulatorFaults: result.simulatorFaults ?? [],
      });
      conversation = { ...job.conversation, seed: retrySeed(job.conversation.seed, attempts.length + 1) };
    }
    if (attempts.length > 0) result = { ...result, attempts };
    if (replaying) context.replays.set(result.id, replaySummary(result, replaying));
    llm.ledger.forget(conversationName);
    tally.running--;
    if (result.stopReason === 'cost_cap_run') tally.budgetReached = true;
    if (isChatbotFailure(result)) tally.failed++;
    const ended = result;
    const written = (async () => {
      // Its calls are in the journal on disk before its record says what they cost.
      await llm.ledger.durable();
      // After the replies already waiting: other conversations' next requests go out first.
      await afterPendingIo();
      await writeConversation(outputDir, ended, {
        secrets: context.secrets,
        folder: job.folder,
        formats: settings.formats,
      });
      tally.finished++;
      context.inOrder.put(job.position, { result: ended, folder: job.folder });
      reporter.onConversationEnd?.(ref, ended, context.totals());
    })().catch((error: unknown) => {
      tally.writeFailure ??= {
        error: isSimsimError(error) ? error : new OutputWriteError(conversationName, outputDir, error),
      };
    });
    return { written };
  };
}
