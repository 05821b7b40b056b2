import { cp, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic, writeFileAtomicFrom } from '../../base/atomic-write.ts';
import { UsageError } from '../../base/errors.ts';
import { packageVersion } from '../../base/package-paths.ts';
import { Redactor, secretsInEnv } from '../../base/redaction.ts';
import { checkRunOutputs, type RunCheckReport } from '../../check/check-run.ts';
import type { ConversationResult } from '../../conversation/types.ts';
import { costJournalPath, readCostJournal, type JournalLine } from '../../cost/cost-journal.ts';
import { readRunSpend, rewriteCostReport } from '../../cost/run-spend.ts';
import type { Project } from '../../load/project.ts';
import type { FailOn } from '../../model/run-settings.ts';
import { parseModelSpec } from '../../model/model-spec.ts';
import { prepareOutputFolder } from '../../output/output-folder.ts';
import { runRelative } from '../../output/relative-path.ts';
import { costReportPath, runManifestPath, serverLogPath } from '../../output/run-layout.ts';
import { writeRunStart } from '../../output/run-start.ts';
import type { RunSummary } from '../../output/run-summary.ts';
import { claimTestFolders } from '../../output/test-folders.ts';
import { writeConversation } from '../../output/write-conversation.ts';
import { createRunLlm } from '../run/create-run-llm.ts';
import { RunReports } from '../run/run-reports.ts';
import { shardManifestPath } from '../shard/shard-manifest.ts';
import { shardText } from '../shard/shard-spec.ts';
import { matchShards, type ShardCoverage } from './match-shards.ts';
import { readShardFolder, type ShardFolder } from './read-shard.ts';

export interface MergeRequest {
  readonly dirs: readonly string[];
  readonly outputDir: string;
  /**
   * The project whose rules/ are checked again over the merged conversations, loaded with the
   * shards' --model; undefined (or a loader giving undefined): no check.
   */
  readonly project?: ((model: string | null) => Promise<Project | undefined>) | undefined;
  readonly clock: () => Date;
}

export type StopReason = 'completed' | 'cost_cap' | 'interrupted';

export type { FailOn } from '../../model/run-settings.ts';

export interface MergeOutcome {
  readonly outputDir: string;
  readonly seed: number;
  readonly coverage: ShardCoverage;
  /** False when units played twice stopped the merge: nothing was written. */
  readonly written: boolean;
  readonly serial?: string | undefined;
  readonly summary?: RunSummary | undefined;
  readonly check?: RunCheckReport | undefined;
  readonly stopReason: StopReason;
  /** The shards' `--fail-on`, which decides the merged run's exit code as it decides a run's. */
  readonly failOn: FailOn;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** A conversation of a shard, renamed into the merged run's serial (its file names and audio paths hold it). */
function retarget(result: ConversationResult, from: string, to: string): ConversationResult {
  const audio = `audio/${from}/`;
  return {
    ...result,
    serial: to,
    turns: result.turns.map((turn) =>
      turn.speech?.audio?.startsWith(audio) === true
        ? { ...turn, speech: { ...turn.speech, audio: `audio/${to}/${turn.speech.audio.slice(audio.length)}` } }
        : turn,
    ),
  };
}

function retargetLine(line: JournalLine, from: string, to: string): JournalLine {
  return line.kind === 'release' ? line : { ...line, conversation: line.conversation.split(from).join(to) };
}

const STOP_ORDER: readonly StopReason[] = ['completed', 'cost_cap', 'interrupted'];

function worstStop(shards: readonly ShardFolder[]): StopReason {
  let worst = 0;
  for (const shard of shards) worst = Math.max(worst, STOP_ORDER.indexOf(shard.run.stopReason as StopReason));
  return STOP_ORDER[worst] ?? 'completed';
}

/** The shards' `--fail-on` as run.json records it; what it leaves out takes simsim run's default (errors,rules,expectations). */
function failOnOf(options: Readonly<Record<string, unknown>>): FailOn {
  const raw = (options['failOn'] ?? {}) as Record<string, unknown>;
  const flag = (key: keyof FailOn, fallback: boolean) => (typeof raw[key] === 'boolean' ? raw[key] : fallback);
  return {
    errors: flag('errors', true),
    rules: flag('rules', true),
    expectations: flag('expectations', true),
    inconclusive: flag('inconclusive', false),
    simulatorFaults: flag('simulatorFaults', false),
    flaky: flag('flaky', false),
  };
}

async function refuseUsedFolder(outputDir: string, shards: readonly ShardFolder[]): Promise<void> {
  const target = resolve(outputDir);
  if (shards.some((s) => resolve(s.dir) === target || s.realDir === target))
    throw new UsageError(`the merged output folder ${outputDir} is one of the shards`, {
      hint: 'Give merge a new folder with -o, e.g. -o merged.',
    });
  for (const file of [runManifestPath(outputDir), shardManifestPath(outputDir)])
    if (await exists(file))
      throw new UsageError(`${outputDir} already holds a run (${file})`, {
        hint: 'Merge into a new or empty folder (-o DIR), or remove that folder first.',
      });
}

/** The project's rules over the merged conversations, with an LLM layer whose spend joins the merged journal. */
async function checkMerged(
  project: Project,
  outputDir: string,
  serial: string,
  journal: string,
  capUsd: number | undefined,
  model: string | null,
  clock: () => Date,
): Promise<{ check: RunCheckReport | undefined; secrets: readonly string[] }> {
  const redactor = new Redactor(secretsInEnv(project.env));
  const llm = await createRunLlm({ project, outputDir, serial, maxCostUsd: capUsd, costJournal: journal, redactor });
  try {
    const spec = project.profiles[0]?.llm.model ?? parseModelSpec(model ?? 'offline');
    if (spec.provider !== 'offline') llm.check(spec);
    const caps = project.profiles.map((p) => p.conversation.maxCostPerRun).filter((c): c is number => c !== undefined);
    const check = await checkRunOutputs({
      projectDir: project.dir,
      outputDir,
      serial,
      llm,
      model: spec,
      concurrency: project.settings.concurrency,
      runMaxCostUsd: caps.length > 0 ? Math.min(...caps) : undefined,
      endedAt: clock().toISOString(),
    });
    await llm.ledger.flush();
    return { check, secrets: redactor.secrets };
  } finally {
    await llm.finish();
  }
}

/**
 * `simsim merge`: puts the output folders of a run's shards together into one output folder, as
 * if the run had been played on one machine: every conversation's files under one serial, the
 * cost journal and CSV, the stats report, conversations.jsonl, junit.xml, run.json with the
 * trials, the rules checked again over all the conversations (pairwise and global rules span
 * shards), and report.html. Shards of different runs are refused (exit 2); units played twice
 * stop the merge before anything is written; missing units are merged around and reported.
 */
export async function mergeShards(request: MergeRequest): Promise<MergeOutcome> {
  if (request.dirs.length === 0)
    throw new UsageError('merge needs the output folders of the shards', {
      hint: 'e.g. simsim merge shard-1 shard-2 shard-3 shard-4 -o merged',
    });
  const shards: ShardFolder[] = [];
  for (const dir of request.dirs) shards.push(await readShardFolder(dir));
  const coverage = matchShards(shards);
  const [first] = shards;
  if (first === undefined) throw new Error('unreachable: no shard read');
  const seed = first.manifest.seed;
  const failOn = failOnOf(first.run.options);
  const stopReason = worstStop(shards);
  const outputDir = request.outputDir;
  if (coverage.duplicated.length > 0) return { outputDir, seed, coverage, written: false, stopReason, failOn };
  await refuseUsedFolder(outputDir, shards);
  await prepareOutputFolder(outputDir, {
    what: 'the merged output folder',
    hint: 'Choose a folder you can write to with -o DIR.',
  });

  // The run started when its first shard did: that shard's serial names the merged run.
  const serial = shards.map((s) => s.manifest.serial).sort()[0] ?? first.manifest.serial;
  const trials = first.manifest.trials > 1 ? first.manifest.trials : undefined;
  const caps = shards.map((s) => s.manifest.maxCostUsd);
  const capUsd = caps.every((c): c is number => c !== null) ? caps.reduce((a, b) => a + b, 0) : undefined;
  const profiles = first.run.profiles;
  const folders = await claimTestFolders(
    outputDir,
    serial,
    profiles.map((p) => ({ testName: p.testName, profileFile: p.file })),
  );
  const formats = first.run.formats;
  const results: { readonly result: ConversationResult; readonly folder: string }[] = [];
  const serverLogs = new Map<ShardFolder, string | undefined>();
  for (const shard of shards) {
    const from = shard.manifest.serial;
    const audio = join(shard.dir, 'audio', from);
    if (await exists(audio)) await cp(audio, join(outputDir, 'audio', serial), { recursive: true });
    serverLogs.set(shard, await copyServerLog(shard, outputDir, serial));
    for (const record of shard.records) {
      const result = retarget(record.result, from, serial);
      const folder = folders.get(result.profileFile) ?? record.folder;
      await writeConversation(outputDir, result, { folder, formats });
      results.push({ result, folder });
    }
  }
  const startedAt = shards.map((s) => s.run.startedAt || s.manifest.startedAt).sort()[0] ?? first.manifest.startedAt;
  const endedAt =
    shards
      .map((s) => s.run.endedAt)
      .sort()
      .at(-1) ?? startedAt;
  await writeRunStart(outputDir, {
    serial,
    seed,
    startedAt,
    profiles: first.manifest.profiles,
    maxCostUsd: capUsd,
    trials,
  });

  const journal = costJournalPath(outputDir, serial);
  await writeFileAtomicFrom(journal, async function* () {
    for (const shard of shards)
      for await (const line of readCostJournal(shard.journal))
        yield `${JSON.stringify(retargetLine(line, shard.manifest.serial, serial))}\n`;
  });
  // Shards may skip their own checks (--no-check): rules over pairs and all conversations only mean something here.
  const project = await request.project?.(first.manifest.config.model);
  const { check, secrets } =
    project === undefined
      ? { check: undefined, secrets: [] }
      : await checkMerged(project, outputDir, serial, journal, capUsd, first.manifest.config.model, request.clock);
  const spend = await readRunSpend(journal);
  if (spend.calls > 0) await rewriteCostReport(journal, costReportPath(outputDir, serial));
  const options = first.run.options;
  const minPassRate = typeof options['minPassRate'] === 'number' ? options['minPassRate'] : undefined;
  // Plan order, as a run lists its conversations: trial by trial, profile by profile, by index.
  const order = new Map(profiles.map((p, i) => [p.file, i]));
  const rank = (file: string) => order.get(file) ?? order.size;
  results.sort(
    ({ result: a }, { result: b }) =>
      (a.trial ?? 1) - (b.trial ?? 1) || rank(a.profileFile) - rank(b.profileFile) || a.index - b.index,
  );
  const reports = await RunReports.open(outputDir, secrets, formats);
  try {
    for (const source of results) reports.add(source);
  } catch (error) {
    await reports.discard();
    throw error;
  }
  const summary = await reports.close({
    simsimVersion: packageVersion(),
    serial,
    seed: String(seed),
    options: { ...options, outputDir: resolve(outputDir), maxCostUsd: capUsd },
    profiles,
    startedAt,
    endedAt,
    stopReason,
    spend,
    costJournal: runRelative(outputDir, journal),
    secrets,
    check,
    trials,
    minPassRate,
    flakyFails: failOn.flaky,
  });
  await recordMerge(outputDir, shards, coverage, serverLogs);
  return { outputDir, seed, coverage, written: true, serial, summary, check, stopReason, failOn };
}

/**
 * Copies a shard's chatbot server log (already redacted by the shard) into the merged folder, one
 * per shard since each shard started its own server; undefined when the shard started none.
 */
async function copyServerLog(shard: ShardFolder, outputDir: string, serial: string): Promise<string | undefined> {
  const log = serverLogPath(shard.dir, shard.manifest.serial);
  if (!(await exists(log))) return undefined;
  const { index, total } = shard.manifest.shard;
  const copy = serverLogPath(outputDir, serial, `${index}-of-${total}`);
  await cp(log, copy);
  return runRelative(outputDir, copy);
}

/** run.json's `merged_from`: which shards made the merged run, and what they left out. */
async function recordMerge(
  outputDir: string,
  shards: readonly ShardFolder[],
  coverage: ShardCoverage,
  serverLogs: ReadonlyMap<ShardFolder, string | undefined>,
): Promise<void> {
  const path = runManifestPath(outputDir);
  const manifest = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  const [first] = shards;
  manifest['merged_from'] = {
    run_id: first?.manifest.runId ?? null,
    plan_hash: first?.manifest.planHash ?? null,
    shards: shards.map((s) => ({
      shard: shardText(s.manifest.shard),
      dir: s.dir,
      serial: s.manifest.serial,
      conversations: s.records.length,
      assigned: s.manifest.assignment[s.manifest.shard.index - 1]?.length ?? 0,
      cost_usd: s.manifest.spend?.usd ?? null,
      max_cost_usd: s.manifest.maxCostUsd,
      stop_reason: s.run.stopReason,
      server_log: serverLogs.get(s) ?? null,
    })),
    units: { total: coverage.total, missing_shards: coverage.missingShards, missing: coverage.missing },
  };
  await writeFileAtomic(path, `${JSON.stringify(manifest, null, 2)}\n`);
}
