import { exists } from '../../base/discover.ts';
import { packageVersion } from '../../base/package-paths.ts';
import { freshSeed } from '../../base/random/fresh-seed.ts';
import { Redactor, secretsInEnv } from '../../base/redaction.ts';
import { plural } from '../../base/text/plural.ts';
import { costJournalPath } from '../../cost/cost-journal.ts';
import { rewriteCostReport } from '../../cost/run-spend.ts';
import type { LlmRuntime } from '../../llm/llm-runtime.ts';
import type { Project } from '../../load/project.ts';
import type { Profile } from '../../model/profile.ts';
import { JudgeCache } from '../../judge/judge-cache.ts';
import { profileJudges } from './profile-judge.ts';
import { prepareOutputFolder } from '../../output/output-folder.ts';
import { runRelative } from '../../output/relative-path.ts';
import { costReportPath, runStartPath, serverLogPath } from '../../output/run-layout.ts';
import { writeRunStart } from '../../output/run-start.ts';
import type { RunSummary } from '../../output/run-summary.ts';
import { removeStaleTempFiles } from '../../output/stale-temp-files.ts';
import { claimTestFolders } from '../../output/test-folders.ts';
import { RunReports, type ReportSource } from './run-reports.ts';
import { InOrder } from './in-order.ts';
import { openChatbot } from '../open-chatbot.ts';
import { createRunLlm } from './create-run-llm.ts';
import type { RunReporter, RunTotals } from './events.ts';
import { mediaOnDemand } from './media-on-demand.ts';
import { plannedJobId, PlannedJobs } from './planned-jobs.ts';
import { planProject } from './prepare-run.ts';
import { profileAnyGenerator } from './profile-any-generator.ts';
import { playConversations, RunTally } from './play-conversations.ts';
import { forcedProfileChanges, freeSerial, resumePoint } from './resume-point.ts';
import { assertRunPreconditions } from './run-preconditions.ts';
import { recordNotice, replayRecord, settingsRecord } from './run-record.ts';
import { checkRules, rulesWarning } from './run-rules.ts';
import { redactingReporter } from './redacting-reporter.ts';
import { prepareSpeechPlans } from './speech-plans.ts';
import type { RunCheckReport } from '../../check/check-run.ts';
import { RunShard, type ShardRequest } from '../shard/run-shard.ts';
import { replayJobs, replayOutcomeOf } from '../replay/replay-jobs.ts';
import type { ReplayOutcome, ReplaySetup } from '../replay/replay-setup.ts';

export interface RunContext {
  readonly clock: () => Date;
  readonly reporter: RunReporter;
  /** Aborting stops new conversations and interrupts the running ones; outputs are still written. */
  readonly signal?: AbortSignal | undefined;
  /** `--shard i/n`: play only this shard's work units (see app/shard/). */
  readonly shard?: ShardRequest | undefined;
}

export interface RunOutcome {
  readonly seed: number;
  readonly serial: string;
  readonly outputDir: string;
  readonly summary: RunSummary;
  /** How many conversations ended in this run (resumed ones included). */
  readonly finished: number;
  /** Conversations never started because the run's cost cap was reached or it was interrupted. */
  readonly notStarted: number;
  readonly stopReason: 'completed' | 'cost_cap' | 'interrupted';
  /** How long this command took, start to end (conversations overlap: their times add up to more). */
  readonly wallSeconds: number;
  /** The project's rules checked over the run's conversations; undefined without active rules, with --no-check, or when interrupted. */
  readonly check?: RunCheckReport | undefined;
  /** A replay (`simsim replay`): what was replayed and how many replies changed. */
  readonly replay?: ReplayOutcome | undefined;
}

/**
 * `simsim run`: validates and plans the project, starts the chatbot if run.yml says how, plays
 * every conversation (up to `concurrency` at once), writes each one as soon as it ends, then the
 * reports. Returns data; the CLI prints it.
 */
export async function runProject(project: Project, context: RunContext, replay?: ReplaySetup): Promise<RunOutcome> {
  const { clock, signal } = context;
  const { settings } = project;
  assertRunPreconditions(project, replay);
  // One set of secrets for every sink of the run: the environment's and the project's .env, the
  // API keys, the connector's tokens. The terminal sees the run through it too.
  const redactor = new Redactor(secretsInEnv(project.env));
  const reporter = redactingReporter(context.reporter, redactor);
  const outputDir = settings.outputDir;
  const resumed = settings.resume ? await resumePoint(outputDir, settings.seed, settings.trials) : undefined;
  // Trials: k plays of every planned conversation; 1 is a run without trials (no trial numbers).
  const trialCount = replay
    ? (replay.source.trials ?? 1)
    : resumed
      ? (resumed.start.trials ?? 1)
      : (settings.trials ?? 1);
  const trials = trialCount > 1 ? trialCount : undefined;
  const shard = await RunShard.open(context.shard, { outputDir, resumedSerial: resumed?.start.serial });
  const outputFolder = await prepareOutputFolder(outputDir, {
    what: 'the output folder',
    hint: "Choose a folder you can write to with --output DIR (or run.yml's extract:).",
  });
  // A replay plans with the recorded run's seed: the same profile gives the same conversations.
  const seed = replay?.source.seed ?? resumed?.start.seed ?? settings.seed ?? freshSeed();
  const startedAt = clock();
  const serial = resumed?.start.serial ?? (await freeSerial(outputDir, startedAt));
  // Hidden temporary files of processes killed in the middle of a write (kill -9, a second Ctrl-C).
  await removeStaleTempFiles(outputDir);

  const journal = costJournalPath(outputDir, serial);
  const csv = costReportPath(outputDir, serial);
  // A run started before simsim kept a journal has its only record of spending in the CSV: keep it.
  const csvFromJournal = (await exists(journal)) || !(await exists(csv));
  const llm: LlmRuntime = await createRunLlm({
    project,
    outputDir,
    serial,
    // The cap covers the whole run: a resume keeps the one the run started with unless told otherwise.
    maxCostUsd: shard?.costCap(settings.maxCostUsd) ?? settings.maxCostUsd ?? resumed?.start.maxCostUsd,
    costJournal: journal,
    redactor,
    uncachedModules: trials === undefined ? [] : ['user_simulator'],
  });
  // A profile's max_cost caps what the run spends on it; a shard has its share of it.
  const profileCap = (profile: Profile): number | undefined =>
    shard === undefined ? profile.conversation.maxCostPerRun : shard.profileCap(profile.conversation.maxCostPerRun);
  const generateAny = profileAnyGenerator(llm, profileCap);
  // A run that stops before its first conversation (bad values, interrupted planning) leaves nothing behind.
  const prepared = await planProject(project, { seed, clock, generateAny, signal }).catch(async (error: unknown) => {
    await llm.finish();
    await outputFolder.removeIfEmpty();
    throw error;
  });
  for (const { plan } of prepared) for (const warning of plan.warnings) reporter.onWarning?.(warning);
  const profileHashes = prepared.map((p) => ({ file: p.profile.file, hash: p.profile.hash }));
  const runJson = runStartPath(outputDir, serial);
  const forcedResume = resumed && forcedProfileChanges(resumed.start, profileHashes, settings.force);
  if (forcedResume)
    reporter.onWarning?.(
      recordNotice(
        runJson,
        'run-resumed',
        `--force: resuming run ${serial} with changed profiles (${forcedResume.map((c) => c.file).join(', ')}); run.json records it`,
      ),
    );
  for (const { profile } of prepared) {
    // A strict replay sends recorded messages only: the simulated user's model is never called.
    if (profile.llm.model.provider !== 'offline' && replay?.mode !== 'strict') {
      llm.check(profile.llm.model);
      llm.warm(profile.llm.model);
    }
  }
  // Judgements are cached by transcript, criterion and judge model: re-judging an unchanged conversation is free.
  const judgeCache = JudgeCache.forProject(project.dir, settings.cache);
  const judges = profileJudges(prepared, settings, llm, judgeCache, signal);

  const chatbot = await openChatbot(project, {
    serverLog: serverLogPath(outputDir, serial),
    signal,
    preflight: settings.preflight,
    redactor,
  });
  for (const warning of chatbot.warnings) reporter.onWarning?.(warning);
  const speechPlans = await prepareSpeechPlans(prepared, chatbot, project, llm, reporter);
  const media = mediaOnDemand(chatbot.connector, project.dir, llm, clock);

  const replays = new Map<string, Record<string, unknown>>();
  const secrets = redactor.secrets;
  // Finished conversations live on disk (their resume records), not in memory: as each one ends it
  // is written, then added to the run's reports, which keep only counts of it.
  const reports = await RunReports.open(outputDir, secrets, settings.formats);
  let reported = false;
  try {
    const folders = await claimTestFolders(
      outputDir,
      serial,
      prepared.map((p) => ({ testName: p.profile.testName, profileFile: p.profile.file })),
    );
    await shard?.start(project, { serial, seed, trials, prepared, startedAt, maxCostUsd: llm.ledger.runCapUsd });
    const planned = new PlannedJobs(prepared, folders, trials, shard, resumed?.finished);
    // Progress covers the whole run: conversations of earlier attempts included.
    const tally = new RunTally(planned.finishedEarlier, resumed?.finished.filter((r) => r.failed).length ?? 0);
    // A replay plays the planned conversations the recorded run finished, each beside its recording.
    const replayed = replay === undefined ? undefined : replayJobs(replay, planned.unfinished(), prepared);
    const replaySkipped = replayed?.skipped ?? 0;
    for (const warning of replayed?.warnings ?? [])
      reporter.onWarning?.(recordNotice(runJson, 'replay-mismatch', warning));
    const recordings = replayed && new Map(replayed.jobs.map((job) => [plannedJobId(job), job.recorded]));
    const toRun = recordings?.size ?? planned.unfinishedCount();
    // The reports list conversations in plan order (round by round, profile by profile, by index), whatever order they end in.
    const inOrder = new InOrder<ReportSource | undefined>((source) => source && reports.add(source));
    if (resumed)
      reporter.onWarning?.(
        recordNotice(
          runJson,
          'run-resumed',
          `resuming run ${serial}: ${plural(planned.finishedEarlier, 'conversation')} already finished, ${toRun} to go`,
        ),
      );
    else
      await writeRunStart(outputDir, {
        serial,
        seed,
        startedAt: startedAt.toISOString(),
        profiles: profileHashes,
        maxCostUsd: llm.ledger.runCapUsd,
        trials,
        replayOf: replay?.source.dir,
      });
    const total = toRun + planned.finishedEarlier;
    // Spending of earlier attempts included.
    const totals = (): RunTotals => ({
      total,
      finished: tally.finished,
      running: tally.running,
      failed: tally.failed,
      costUsd: llm.ledger.unpricedCalls > 0 ? null : llm.ledger.totals().usd,
      elapsedMs: clock().getTime() - startedAt.getTime(),
    });
    reporter.onRunStart?.({ total: toRun, profiles: prepared.length, seed, outputDir });

    await playConversations(planned.toPlay(inOrder, recordings), {
      llm,
      chatbot,
      settings,
      serial,
      outputDir,
      secrets,
      reporter,
      clock,
      signal,
      judges,
      speechPlans,
      mediaReader: media.read,
      replay,
      replays,
      inOrder,
      tally,
      totals,
      profileCap,
    });
    if (tally.writeFailure !== undefined) throw tally.writeFailure.error;
    reporter.onRunEnd?.(totals());
    const stopReason = signal?.aborted ? 'interrupted' : tally.budgetReached ? 'cost_cap' : 'completed';
    // Rules first: their LLM helpers spend under the same cap and land in the same journal.
    const check =
      !settings.check || stopReason === 'interrupted'
        ? undefined
        : await checkRules(project, prepared, llm, serial, clock().toISOString(), profileCap);
    for (const warning of check?.warnings ?? []) reporter.onWarning?.(rulesWarning(project, warning));
    // Every call is in the journal now. The CSV was written as calls ended; a resumed run's is
    // written again from the journal, which also holds what killed attempts spent.
    await llm.ledger.flush();
    const spend = llm.ledger.spend();
    if (resumed && csvFromJournal && spend.calls > 0) await rewriteCostReport(journal, csv);
    reported = true;
    const endedAt = clock();
    const summary = await reports.close({
      simsimVersion: packageVersion(),
      serial,
      seed: String(seed),
      options: settingsRecord(settings),
      profiles: prepared.map((p) => ({ file: p.profile.file, testName: p.profile.testName, hash: p.profile.hash })),
      startedAt: startedAt.toISOString(),
      endedAt: endedAt.toISOString(),
      stopReason,
      spend,
      costJournal: runRelative(outputDir, journal),
      forcedResume,
      secrets,
      check,
      trials,
      minPassRate: settings.minPassRate,
      flakyFails: settings.failOn.flaky,
      ...replayRecord(replay, replays, replaySkipped),
    });
    await shard?.finish(outputDir, { serial, folders, spend, endedAt, stopReason });
    // Every conversation of the run counts, those finished by earlier attempts too.
    const wallSeconds = (endedAt.getTime() - startedAt.getTime()) / 1000;
    const replayOutcome = replay === undefined ? undefined : replayOutcomeOf(replay, replays, replaySkipped);
    return {
      seed,
      serial,
      outputDir,
      summary,
      finished: tally.finished,
      notStarted: tally.notStarted,
      stopReason,
      wallSeconds,
      check,
      ...(replayOutcome === undefined ? {} : { replay: replayOutcome }),
    };
  } finally {
    if (!reported) await reports.discard();
    const mediaReader = media.loaded();
    if (mediaReader) await (await mediaReader).finish();
    await judgeCache.finish();
    await llm.finish();
    await chatbot.stop();
  }
}
