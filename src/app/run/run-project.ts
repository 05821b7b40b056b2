import { join, resolve } from 'node:path';
import { exists } from '../../base/discover.ts';
import type { Diagnostic } from '../../base/diagnostics/diagnostic.ts';
import { UsageError } from '../../base/errors.ts';
import { PROJECT_FOLDERS } from '../../base/layout.ts';
import { packageVersion } from '../../base/package-paths.ts';
import { freshSeed } from '../../base/random/fresh-seed.ts';
import { Redactor, secretsInEnv } from '../../base/redaction.ts';
import { plural } from '../../base/text/plural.ts';
import { costJournalPath } from '../../cost/cost-journal.ts';
import { rewriteCostReport } from '../../cost/run-spend.ts';
import type { LlmRuntime } from '../../llm/llm-runtime.ts';
import type { Project } from '../../load/project.ts';
import type { Profile } from '../../model/profile.ts';
import type { RunSettings } from '../../model/run-settings.ts';
import { JudgeCache } from '../../judge/judge-cache.ts';
import { profileJudge, type ProfileJudge } from './profile-judge.ts';
import { prepareOutputFolder } from '../../output/output-folder.ts';
import { profileChanges, profilesChangedError, type ProfileChange } from '../../output/profile-changes.ts';
import { runRelative } from '../../output/relative-path.ts';
import { conversationId, costReportPath, runStartPath, serverLogPath } from '../../output/run-layout.ts';
import { writeRunStart } from '../../output/run-start.ts';
import type { RunSummary } from '../../output/run-summary.ts';
import { removeStaleTempFiles } from '../../output/stale-temp-files.ts';
import { claimTestFolders } from '../../output/test-folders.ts';
import { RunReports, type ReportSource } from './run-reports.ts';
import { InOrder } from './in-order.ts';
import { createLlmAnyGenerator } from '../any-generator.ts';
import { openChatbot } from '../open-chatbot.ts';
import { createRunLlm } from './create-run-llm.ts';
import { jsonCompleter } from './engine-ports.ts';
import type { RunReporter, RunTotals } from './events.ts';
import { planProject } from './prepare-run.ts';
import { playConversations, RunTally } from './play-conversations.ts';
import { freeSerial, resumePoint } from './resume-point.ts';
import { checkRules } from './run-rules.ts';
import { redactingReporter } from './redacting-reporter.ts';
import type { RunCheckReport } from '../../check/check-run.ts';
import { DEFAULT_CACHE_SETTINGS } from '../../llm/cache/cache-policy.ts';
import type { MediaReader } from '../../media/media-reader.ts';
import { llmFetch } from '../../llm/adapters/llm-fetch.ts';
import type { SpeechPlan } from '../../speech/prepare-speech.ts';
import { diagnosticAt } from '../../model/span.ts';
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

/** A notice of the run about its own record (run.json): shown like the warnings. */
function notice(file: string, code: 'run-resumed' | 'replay-mismatch', message: string): Diagnostic {
  return { code, severity: 'warning', message, file, line: 1, column: 1 };
}

/** The settings a run records in run.json: no parameter values (they may hold secrets). */
function settingsRecord(settings: RunSettings): Readonly<Record<string, unknown>> {
  const { llm: _llm, server: _server, chatbot, ...rest } = settings;
  return {
    ...rest,
    technology: chatbot.technology,
    connector: chatbot.connector,
    target: chatbot.target?.spec,
    connectorParameters: chatbot.parameters === undefined ? undefined : '(set)',
  };
}

/**
 * `simsim run`: validates and plans the project, starts the chatbot if run.yml says how, plays
 * every conversation (up to `concurrency` at once), writes each one as soon as it ends, then the
 * reports. Returns data; the CLI prints it.
 */
export async function runProject(project: Project, context: RunContext, replay?: ReplaySetup): Promise<RunOutcome> {
  const { clock, signal } = context;
  const { settings } = project;
  if (replay && settings.resume)
    throw new UsageError('a replay cannot be resumed', { hint: 'Replay again into a new folder.' });
  if (replay && resolve(settings.outputDir) === resolve(replay.source.dir))
    throw new UsageError(`the replay would write into the run it replays (${replay.source.dir})`, {
      hint: 'Pass another folder with --output.',
    });
  // One set of secrets for every sink of the run: the environment's and the project's .env, the
  // API keys, the connector's tokens. The terminal sees the run through it too.
  const redactor = new Redactor(secretsInEnv(project.env));
  const reporter = redactingReporter(context.reporter, redactor);
  const outputDir = settings.outputDir;
  if (settings.force && !settings.resume)
    throw new UsageError('--force works only with --resume', {
      hint: 'Add --resume <output folder>, or drop --force.',
    });
  if (project.profiles.length === 0) {
    if (project.cases !== undefined)
      throw new UsageError(`no test cases to run in ${project.cases.file.file}`, {
        hint: 'Write one test case per row.',
      });
    throw new UsageError(`no profiles (.yml or .yaml files) to run in ${join(project.dir, PROJECT_FOLDERS.profiles)}`, {
      hint: 'Add a profile, or create a project with "simsim init".',
    });
  }
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
  const generateAny = (profile: Profile) => {
    const spec = profile.llm.model;
    if (spec.provider === 'offline') return undefined;
    const labels = {
      module: 'goals_any_list',
      testName: profile.testName,
      runMaxCostUsd: profileCap(profile),
    };
    // The client (and its API key) is needed only if a list is not in the project's cache yet.
    return createLlmAnyGenerator({
      completeJson: (request) => jsonCompleter(llm.client(spec), labels).completeJson(request),
    });
  };
  // A run that stops before its first conversation (bad values, interrupted planning) leaves nothing behind.
  const prepared = await planProject(project, { seed, clock, generateAny, signal }).catch(async (error: unknown) => {
    await llm.finish();
    await outputFolder.removeIfEmpty();
    throw error;
  });
  for (const { plan } of prepared) for (const warning of plan.warnings) reporter.onWarning?.(warning);
  const profileHashes = prepared.map((p) => ({ file: p.profile.file, hash: p.profile.hash }));
  let forcedResume: ProfileChange[] | undefined;
  const runJson = runStartPath(outputDir, serial);
  if (resumed?.start.profiles !== undefined) {
    const changes = profileChanges(resumed.start.profiles, profileHashes);
    if (changes.length > 0 && !settings.force) throw profilesChangedError(serial, changes);
    if (changes.length > 0) {
      forcedResume = changes;
      reporter.onWarning?.(
        notice(
          runJson,
          'run-resumed',
          `--force: resuming run ${serial} with changed profiles (${changes.map((c) => c.file).join(', ')}); run.json records it`,
        ),
      );
    }
  }
  for (const { profile } of prepared) {
    // A strict replay sends recorded messages only: the simulated user's model is never called.
    if (profile.llm.model.provider !== 'offline' && replay?.mode !== 'strict') {
      llm.check(profile.llm.model);
      llm.warm(profile.llm.model);
    }
  }
  // Judgements are cached by transcript, criterion and judge model: re-judging an unchanged conversation is free.
  const judgeCache = JudgeCache.forProject(project.dir, settings.cache);
  const judges = new Map<string, ProfileJudge>();
  for (const { profile } of prepared) {
    const judge = profileJudge(profile, settings, llm, judgeCache, signal);
    if (judge.callsModel) llm.check(judge.spec);
    judges.set(profile.file, judge);
  }

  const chatbot = await openChatbot(project, {
    serverLog: serverLogPath(outputDir, serial),
    signal,
    preflight: settings.preflight,
    redactor,
  });
  for (const warning of chatbot.warnings) reporter.onWarning?.(warning);
  // Speech profiles talk through the connector's `audio:` section; without one they run as text
  // (profile validation already warned). Engines are checked before the first conversation.
  const speechPlans = new Map<string, SpeechPlan>();
  if (!chatbot.connector.speaks) {
    for (const p of prepared) {
      if (p.profile.llm.speech)
        reporter.onWarning?.(
          diagnosticAt(
            p.profile.llm.span,
            'feature-unsupported',
            'warning',
            `${p.profile.file} asks for speech (llm.format.type: speech), but connector ${chatbot.connector.name} has no \`audio:\` section, so it runs as text`,
          ),
        );
    }
  } else {
    const { prepareSpeech } = await import('../../speech/prepare-speech.ts');
    for (const p of prepared) {
      const plan = await prepareSpeech(
        { speech: p.profile.llm.speech, absPath: p.profile.absPath, language: p.profile.user.language ?? 'English' },
        {
          projectDir: project.dir,
          offline: p.profile.llm.model.provider === 'offline',
          openAi: () => llm.access('openai'),
          fetch: llmFetch,
          ledger: llm.ledger,
          env: project.env,
          audioFormat: chatbot.connector.audioFormat,
        },
      ).catch(async (error: unknown) => {
        await chatbot.stop();
        throw error;
      });
      if (plan) speechPlans.set(p.profile.file, plan);
    }
  }
  // Links, images and files in replies are read by modules (an HTML parser, a PDF reader) that
  // load with the first reply that has any.
  let media: Promise<MediaReader> | undefined;
  const mediaReader = (): Promise<MediaReader> =>
    (media ??= Promise.all([import('../../media/media-reader.ts'), import('../../media/media-cache.ts')]).then(
      ([{ MediaReader }, { MediaCache, mediaCacheDir }]) =>
        new MediaReader({
          policy: chatbot.connector.media,
          cache: new MediaCache(mediaCacheDir(project.dir), llm.cache?.settings ?? DEFAULT_CACHE_SETTINGS),
          now: clock,
        }),
    ));

  // Finished conversations live on disk (their resume records), not in memory: as each one ends it
  // is written, then added to the run's reports, which keep only counts of it.
  const done = new Map(resumed?.finished.map((r) => [conversationId(r.folder, r.index, r.trial), r]));
  // Progress covers the whole run: conversations of earlier attempts included.
  const tally = new RunTally(done.size, resumed?.finished.filter((r) => r.failed).length ?? 0);
  const replays = new Map<string, Record<string, unknown>>();
  const secrets = redactor.secrets;
  const reports = await RunReports.open(outputDir, secrets, settings.formats);
  let reported = false;
  try {
    const folders = await claimTestFolders(
      outputDir,
      serial,
      prepared.map((p) => ({ testName: p.profile.testName, profileFile: p.profile.file })),
    );
    await shard?.start(project, { serial, seed, trials, prepared, startedAt, maxCostUsd: llm.ledger.runCapUsd });
    // Trial after trial: an interrupted run has whole rounds of the plan done first.
    const rounds = trials === undefined ? [undefined] : Array.from({ length: trials }, (_, i) => i + 1);
    /** The conversations this run plays, in plan order, made as they are read: the plan is never held whole. */
    function* plannedJobs() {
      for (const trial of rounds)
        for (const p of prepared) {
          const folder = folders.get(p.profile.file) ?? p.profile.testName;
          for (const conversation of p.plan.conversations())
            if (shard?.owns(p.profile.file, conversation.index, trial) ?? true)
              yield { prepared: p, conversation, folder, trial };
        }
    }
    type PlannedJob = ReturnType<typeof plannedJobs> extends Generator<infer J> ? J : never;
    const idOf = (job: PlannedJob) => conversationId(job.folder, job.conversation.index, job.trial);
    function* unfinished() {
      for (const job of plannedJobs()) if (!done.has(idOf(job))) yield job;
    }
    // A replay plays the planned conversations the recorded run finished, each beside its recording.
    const replayed = replay === undefined ? undefined : replayJobs(replay, unfinished(), prepared);
    const replaySkipped = replayed?.skipped ?? 0;
    for (const warning of replayed?.warnings ?? []) reporter.onWarning?.(notice(runJson, 'replay-mismatch', warning));
    const recordedOf = new Map(replayed?.jobs.map((job) => [idOf(job), job.recorded]));
    let toRun = 0;
    if (replayed) toRun = recordedOf.size;
    // A fresh run plays its whole plan; otherwise the plan is walked once to count what is left.
    else if (done.size === 0 && shard === undefined)
      toRun = rounds.length * prepared.reduce((n, p) => n + p.plan.count, 0);
    else for (const _ of unfinished()) toRun++;
    // The reports list conversations in plan order (round by round, profile by profile, by index), whatever order they end in.
    const inOrder = new InOrder<ReportSource | undefined>((source) => source && reports.add(source));
    /** Every planned conversation in plan order; those an earlier attempt finished go straight to the reports. */
    function* jobs() {
      let at = 0;
      for (const job of plannedJobs()) {
        const position = at++;
        const id = idOf(job);
        const earlier = done.get(id);
        const recorded = recordedOf.get(id);
        if (earlier) inOrder.put(position, { recordPath: earlier.recordPath, range: earlier.range });
        else if (replayed && recorded === undefined) inOrder.put(position, undefined);
        else yield { ...job, position, recorded };
      }
    }
    if (resumed)
      reporter.onWarning?.(
        notice(
          runJson,
          'run-resumed',
          `resuming run ${serial}: ${plural(done.size, 'conversation')} already finished, ${toRun} to go`,
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
    // Spending of earlier attempts included.
    const totals = (): RunTotals => ({
      total: toRun + done.size,
      finished: tally.finished,
      running: tally.running,
      failed: tally.failed,
      costUsd: llm.ledger.unpricedCalls > 0 ? null : llm.ledger.totals().usd,
      elapsedMs: clock().getTime() - startedAt.getTime(),
    });
    reporter.onRunStart?.({ total: toRun, profiles: prepared.length, seed, outputDir });

    await playConversations(jobs(), {
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
      mediaReader,
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
    for (const warning of check?.warnings ?? [])
      reporter.onWarning?.({
        code: 'check-warning',
        severity: 'warning',
        message: warning,
        file: project.sources.display(join(project.dir, PROJECT_FOLDERS.rules)),
        line: 1,
        column: 1,
      });
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
      ...(replay === undefined
        ? {}
        : {
            replayOf: {
              dir: replay.source.dir,
              serial: replay.source.serial,
              mode: replay.mode,
              ...(replay.mode === 'fork' ? { threshold: replay.threshold } : {}),
              conversations: replays.size,
              skipped: replaySkipped,
            },
            replays,
          }),
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
    if (media) await (await media).finish();
    await judgeCache.finish();
    await llm.finish();
    await chatbot.stop();
  }
}
