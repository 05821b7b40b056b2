import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { Diagnostic } from '../../base/diagnostics/diagnostic.ts';
import { UsageError } from '../../base/errors.ts';
import { PROJECT_FOLDERS } from '../../base/layout.ts';
import { packageVersion } from '../../base/package-paths.ts';
import { freshSeed } from '../../base/random/fresh-seed.ts';
import { Redactor, secretsInEnv } from '../../base/redaction.ts';
import { runSerial } from '../../base/run-serial.ts';
import { plural } from '../../base/text/plural.ts';
import type { BotSession } from '../../conversation/ports.ts';
import type { ConversationResult } from '../../conversation/types.ts';
import { costJournalPath } from '../../cost/cost-journal.ts';
import { readRunSpend, rewriteCostReport } from '../../cost/run-spend.ts';
import type { LlmRuntime } from '../../llm/llm-runtime.ts';
import type { Project } from '../../load/project.ts';
import type { Profile } from '../../model/profile.ts';
import type { RunSettings } from '../../model/run-settings.ts';
import { failureReason } from '../../output/conversation-verdict.ts';
import { listFinishedConversations } from '../../output/finished-conversations.ts';
import { prepareOutputFolder } from '../../output/output-folder.ts';
import { profileChanges, profilesChangedError, type ProfileChange } from '../../output/profile-changes.ts';
import { runRelative } from '../../output/relative-path.ts';
import type { ResultRecord } from '../../output/result-record.ts';
import {
  conversationAudioDir,
  costReportPath,
  runStartPath,
  senseiConversationFileName,
} from '../../output/run-layout.ts';
import { latestRunStart, writeRunStart, type RunStart } from '../../output/run-start.ts';
import type { RunSummary } from '../../output/run-summary.ts';
import { removeStaleTempFiles } from '../../output/stale-temp-files.ts';
import { claimTestFolders } from '../../output/test-folders.ts';
import { writeConversation } from '../../output/write-conversation.ts';
import { writeRunReports } from './write-run-reports.ts';
import { createLlmAnyGenerator } from '../any-generator.ts';
import { openChatbot } from '../open-chatbot.ts';
import { runJob, llmUserFactory, offlineUserFactory, type UserFactory } from './conversation-job.ts';
import { createRunLlm } from './create-run-llm.ts';
import { jsonCompleter } from './engine-ports.ts';
import type { RunReporter, RunTotals } from './events.ts';
import { planProject } from './prepare-run.ts';
import { redactingReporter } from './redacting-reporter.ts';
import { checkRunOutputs, type RunCheckReport } from '../../check/check-run.ts';
import { DEFAULT_CACHE_SETTINGS } from '../../llm/cache/cache-policy.ts';
import { llmDescriber, offlineDescriber } from '../../media/describe-image.ts';
import { MediaCache, mediaCacheDir } from '../../media/media-cache.ts';
import { MediaReader } from '../../media/media-reader.ts';
import { llmFetch } from '../../llm/adapters/llm-fetch.ts';
import { prepareSpeech, type SpeechPlan } from '../../speech/prepare-speech.ts';
import { diagnosticAt } from '../../model/span.ts';
import { parseModelSpec } from '../../model/model-spec.ts';
import type { PlannedProfile } from './prepare-run.ts';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * Sensei's serial is the start time to the second; a second run started in the same second into
 * the same folder would write over the first one's files, so it takes the next free second.
 */
async function freeSerial(outputDir: string, startedAt: Date): Promise<string> {
  for (let offset = 0; ; offset++) {
    const serial = runSerial(new Date(startedAt.getTime() + offset * 1000));
    if (!(await exists(runStartPath(outputDir, serial)))) return serial;
  }
}

/** Where a resumed run picks up: the latest run of the folder and what it already finished. */
async function resumePoint(
  outputDir: string,
  seed: number | undefined,
): Promise<{ start: RunStart; finished: ResultRecord[] }> {
  const start = await latestRunStart(outputDir);
  if (!start)
    throw new UsageError(`there is no run to resume in ${outputDir}`, {
      hint: 'Pass the output folder of an earlier run (its --output, default output).',
    });
  if (seed !== undefined && seed !== start.seed) {
    throw new UsageError(`--seed ${seed} differs from the seed ${start.seed} of the run being resumed`, {
      hint: 'Drop --seed: a resumed run keeps its own seed.',
    });
  }
  return { start, finished: await listFinishedConversations(outputDir, start.serial) };
}

export interface RunContext {
  readonly clock: () => Date;
  readonly reporter: RunReporter;
  /** Aborting stops new conversations and interrupts the running ones; outputs are still written. */
  readonly signal?: AbortSignal | undefined;
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
}

/** A notice of the run about its own record (run.json): shown like the warnings. */
function notice(file: string, code: 'run-resumed', message: string): Diagnostic {
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

/** The project's rules over the run's conversations, with the run's LLM layer (its caps, cost CSV and cache). */
function checkRules(
  project: Project,
  profiles: readonly PlannedProfile[],
  llm: LlmRuntime,
  serial: string,
  endedAt: string,
): Promise<RunCheckReport | undefined> {
  const { settings } = project;
  const model = profiles[0]?.profile.llm.model ?? parseModelSpec(settings.model ?? 'offline');
  const caps = profiles.map((p) => p.profile.conversation.maxCostPerRun).filter((c): c is number => c !== undefined);
  return checkRunOutputs({
    projectDir: project.dir,
    outputDir: settings.outputDir,
    serial,
    llm,
    model,
    concurrency: settings.concurrency,
    runMaxCostUsd: caps.length > 0 ? Math.min(...caps) : undefined,
    endedAt,
  });
}

/**
 * `simsim run`: validates and plans the project, starts the chatbot if run.yml says how, plays
 * every conversation (up to `concurrency` at once), writes each one as soon as it ends, then the
 * reports. Returns data; the CLI prints it.
 */
export async function runProject(project: Project, context: RunContext): Promise<RunOutcome> {
  const { clock, signal } = context;
  const { settings } = project;
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
  const resumed = settings.resume ? await resumePoint(outputDir, settings.seed) : undefined;
  const outputFolder = await prepareOutputFolder(outputDir, {
    what: 'the output folder',
    hint: "Choose a folder you can write to with --output DIR (or run.yml's extract:).",
  });
  const seed = resumed?.start.seed ?? settings.seed ?? freshSeed();
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
    maxCostUsd: settings.maxCostUsd ?? resumed?.start.maxCostUsd,
    costJournal: journal,
    redactor,
  });
  const generateAny = (profile: Profile) => {
    const spec = profile.llm.model;
    if (spec.provider === 'offline') return undefined;
    const labels = {
      module: 'goals_any_list',
      testName: profile.testName,
      runMaxCostUsd: profile.conversation.maxCostPerRun,
    };
    return createLlmAnyGenerator(jsonCompleter(llm.client(spec), labels));
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
    if (profile.llm.model.provider !== 'offline') llm.check(profile.llm.model);
  }

  const chatbot = await openChatbot(project, {
    serverLog: join(outputDir, `server_${serial}.log`),
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
        },
      ).catch(async (error: unknown) => {
        await chatbot.stop();
        throw error;
      });
      if (plan) speechPlans.set(p.profile.file, plan);
    }
  }
  const media = new MediaReader({
    policy: chatbot.connector.media,
    cache: new MediaCache(mediaCacheDir(project.dir), llm.cache?.settings ?? DEFAULT_CACHE_SETTINGS),
    now: clock,
  });

  // Finished conversations live on disk (their resume records), not in memory: a run of 10,000
  // keeps only counters, and the reports read the records back at the end. Interrupted ones have
  // no record, so they are kept here.
  const interrupted: ConversationResult[] = [];
  const done = new Set(resumed?.finished.map((r) => `${r.folder}/${r.result.index}`));
  let finished = done.size;
  let notStarted = 0;
  let budgetReached = false;
  try {
    const folders = await claimTestFolders(
      outputDir,
      serial,
      prepared.map((p) => ({ testName: p.profile.testName, profileFile: p.profile.file })),
    );
    const jobs = prepared
      .flatMap((p) =>
        p.plan.conversations.map((conversation) => ({
          prepared: p,
          conversation,
          folder: folders.get(p.profile.file) ?? p.profile.testName,
        })),
      )
      .filter((job) => !done.has(`${job.folder}/${job.conversation.index}`));
    if (resumed)
      reporter.onWarning?.(
        notice(
          runJson,
          'run-resumed',
          `resuming run ${serial}: ${plural(done.size, 'conversation')} already finished, ${jobs.length} to go`,
        ),
      );
    else
      await writeRunStart(outputDir, {
        serial,
        seed,
        startedAt: startedAt.toISOString(),
        profiles: profileHashes,
        maxCostUsd: llm.ledger.runCapUsd,
      });
    let running = 0;
    // Progress covers the whole run: conversations and spending of earlier attempts included.
    let failed = resumed?.finished.filter((r) => failureReason(r.result) !== undefined).length ?? 0;
    const totals = (): RunTotals => ({
      total: jobs.length + done.size,
      finished,
      running,
      failed,
      costUsd: llm.ledger.unpricedCalls > 0 ? null : llm.ledger.totals().usd,
      elapsedMs: clock().getTime() - startedAt.getTime(),
    });
    reporter.onRunStart?.({ total: jobs.length, profiles: prepared.length, seed, outputDir });

    const limit = pLimit(Math.max(1, settings.concurrency));
    await Promise.all(
      jobs.map((job) =>
        limit(async () => {
          if (signal?.aborted || budgetReached) {
            notStarted++;
            return;
          }
          const ref = {
            id: `${job.folder}/${job.conversation.index}`,
            testName: job.prepared.profile.testName,
            index: job.conversation.index,
          };
          running++;
          reporter.onConversationStart?.(ref, totals());
          const spec = job.prepared.profile.llm.model;
          const caps = {
            runMaxCostUsd: job.prepared.profile.conversation.maxCostPerRun,
            conversationMaxCostUsd: job.prepared.profile.conversation.maxCostPerConversation,
          };
          const users = (conversation: string): UserFactory =>
            spec.provider === 'offline'
              ? offlineUserFactory(job.prepared.plan.variables, job.prepared.profile)
              : llmUserFactory(llm, spec, { conversation, testName: job.prepared.profile.testName, ...caps });
          const result = await runJob({
            ...job,
            serial,
            users,
            openBot: async (): Promise<BotSession> => {
              const session = await chatbot.connector.open({
                signal,
                parameters: job.prepared.profile.chatbot.parameters,
              });
              const speech = speechPlans.get(job.prepared.profile.file);
              if (speech === undefined) return session;
              const conversation = senseiConversationFileName(job.folder, job.conversation.index, serial);
              return speech.open(session, {
                runDir: outputDir,
                audioDir: conversationAudioDir(outputDir, serial, job.folder, job.conversation.index),
                labels: { module: 'speech', conversation, testName: job.prepared.profile.testName, ...caps },
                signal,
              });
            },
            perceiver: (conversation) =>
              media.perceiverFor(spec.provider === 'offline' ? offlineDescriber : llmDescriber(llm.client(spec)), {
                module: 'media',
                conversation,
                testName: job.prepared.profile.testName,
                ...caps,
              }),
            clock,
            signal,
            onTurn: (turn) => reporter.onTurn?.(ref, turn),
            cost: (name) => {
              const total = llm.ledger.totals({ conversation: name });
              return { usd: total.unpricedCalls > 0 ? null : total.usd, byModule: llm.ledger.moduleTotals(name) };
            },
          });
          await writeConversation(outputDir, result, {
            secrets: redactor.secrets,
            folder: job.folder,
            formats: settings.formats,
          });
          running--;
          if (result.stopReason === 'cost_cap_run') budgetReached = true;
          if (failureReason(result) !== undefined) failed++;
          finished++;
          if (result.status === 'interrupted') interrupted.push(result);
          reporter.onConversationEnd?.(ref, result, totals());
        }),
      ),
    );
    reporter.onRunEnd?.(totals());
    const stopReason = signal?.aborted ? 'interrupted' : budgetReached ? 'cost_cap' : 'completed';
    // Rules first: their LLM helpers spend under the same cap and land in the same journal.
    const check =
      !settings.check || stopReason === 'interrupted'
        ? undefined
        : await checkRules(project, prepared, llm, serial, clock().toISOString());
    for (const warning of check?.warnings ?? [])
      reporter.onWarning?.({
        code: 'check-warning',
        severity: 'warning',
        message: warning,
        file: project.sources.display(join(project.dir, PROJECT_FOLDERS.rules)),
        line: 1,
        column: 1,
      });
    // Every call is in the journal now; the reports and the CSV show what it holds.
    await llm.ledger.flush();
    const spend = await readRunSpend(journal);
    if (csvFromJournal && spend.calls > 0) await rewriteCostReport(journal, csv);
    const fromDisk = (await listFinishedConversations(outputDir, serial)).map((record) => record.result);
    const ordered = [...fromDisk, ...interrupted].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
    const endedAt = clock();
    const summary = await writeRunReports(outputDir, ordered, {
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
      secrets: redactor.secrets,
      check,
      formats: settings.formats,
    });
    // Every conversation of the run counts, those finished by earlier attempts too.
    const wallSeconds = (endedAt.getTime() - startedAt.getTime()) / 1000;
    return { seed, serial, outputDir, summary, finished, notStarted, stopReason, wallSeconds, check };
  } finally {
    await media.finish();
    await llm.finish();
    await chatbot.stop();
  }
}
