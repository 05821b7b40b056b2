import { join } from 'node:path';
import type { ConversationResult } from '../../conversation/types.ts';
import { writeFileAtomic } from '../../base/atomic-write.ts';
import { conversationsJsonl } from '../../output/conversations-jsonl.ts';
import { junitXml } from '../../output/junit-xml.ts';
import { redactDeep, redactText } from '../../base/redaction.ts';
import { runRelative } from '../../output/relative-path.ts';
import type { RunInfo } from './run-info.ts';
import {
  conversationsJsonlPath,
  junitPath,
  runManifestPath,
  senseiAnsweredCsvPath,
  senseiConversationBase,
  senseiConversationFileName,
  senseiConversationYamlPath,
  statsReportPath,
} from '../../output/run-layout.ts';
import { runManifest } from './run-manifest.ts';
import { runSummary, type RunSummary } from '../../output/run-summary.ts';
import { statsReportYaml } from '../../output/stats-report.ts';
import { claimTestFolder } from '../../output/test-folders.ts';
import { profilesBelow, trialsReport } from '../../output/trials.ts';
import { exportsAnsweredCsv } from '../../output/answered-csv.ts';
import { reportHtmlPath, writeRunReportHtml } from '../../report/write-report-html.ts';

interface Group {
  readonly folder: string;
  readonly results: ConversationResult[];
}

async function groupByFolder(runDir: string, results: readonly ConversationResult[], info: RunInfo): Promise<Group[]> {
  const order = new Map(info.profiles.map((p, i) => [p.file, i]));
  const sorted = [...results].sort(
    (a, b) =>
      (order.get(a.profileFile) ?? order.size) - (order.get(b.profileFile) ?? order.size) ||
      (a.profileFile < b.profileFile ? -1 : a.profileFile > b.profileFile ? 1 : 0) ||
      a.index - b.index ||
      (a.trial ?? 1) - (b.trial ?? 1),
  );
  const groups = new Map<string, Group>();
  for (const result of sorted) {
    const folder = await claimTestFolder(runDir, result.serial, result.testName, result.profileFile);
    const group = groups.get(folder) ?? { folder, results: [] };
    group.results.push(result);
    groups.set(folder, group);
  }
  return [...groups.values()];
}

function conversationFiles(runDir: string, folder: string, result: ConversationResult): string[] {
  const files = [
    runRelative(runDir, senseiConversationYamlPath(runDir, folder, result.serial, result.index, result.trial)),
  ];
  if (exportsAnsweredCsv(result))
    files.push(runRelative(runDir, senseiAnsweredCsvPath(runDir, folder, result.serial, result.index, result.trial)));
  return files;
}

/**
 * Writes the run-wide files at the end of a run (or of a resume, over every conversation of the
 * run): Sensei's stats report, conversations.jsonl, junit.xml, run.json, then report.html (read
 * back from those files). Returns the summary a reporter prints.
 */
export async function writeRunReports(
  runDir: string,
  results: readonly ConversationResult[],
  info: RunInfo,
): Promise<RunSummary> {
  const secrets = info.secrets ?? [];
  const clean = redactDeep([...results], secrets);
  const groups = await groupByFolder(runDir, clean, info);
  const entries = groups.flatMap((g) => g.results.map((result) => ({ result, folder: g.folder })));
  const write = async (path: string, text: string) => {
    await writeFileAtomic(path, redactText(text, secrets));
    return path;
  };

  // A run without trials is the case k = 1: the pass rates behind --min-pass-rate come from it too.
  const trialsOf = trialsReport(groups, info.trials ?? 1);
  const trials = info.trials === undefined ? undefined : trialsOf;
  const minPassRate =
    info.minPassRate === undefined
      ? undefined
      : {
          threshold: info.minPassRate,
          below: profilesBelow(trialsOf, info.minPassRate).map((p) => ({
            folder: p.folder,
            testName: p.testName,
            passRate: p.passRate ?? 0,
          })),
        };
  const files: string[] = [];
  files.push(
    await write(
      statsReportPath(runDir, info.serial),
      statsReportYaml(
        entries.map((e) => ({
          ...e,
          fileName: senseiConversationFileName(e.folder, e.result.index, e.result.serial, e.result.trial),
        })),
        info.spend?.usd,
        trials,
      ),
    ),
  );
  files.push(
    await write(
      conversationsJsonlPath(runDir),
      conversationsJsonl(
        entries.map((e) => ({
          result: e.result,
          file: runRelative(
            runDir,
            senseiConversationYamlPath(runDir, e.folder, e.result.serial, e.result.index, e.result.trial),
          ),
        })),
      ),
    ),
  );
  const suites = groups.map((g) => ({
    name: g.folder,
    profileFile: g.results[0]?.profileFile ?? '',
    cases: g.results.map((result) => ({
      result,
      name: senseiConversationBase(g.folder, result.index, result.serial, result.trial),
    })),
    trials: trials?.conversations.filter((c) => c.folder === g.folder),
  }));
  files.push(
    await write(
      junitPath(runDir),
      junitXml(suites, info.endedAt, info.check ? [info.check.junit] : [], { flakyFails: info.flakyFails }),
    ),
  );
  if (info.check) files.push(info.check.csvPath);

  const manifestPath = runManifestPath(runDir);
  const withFiles = groups.map((g) => ({
    ...g,
    files: g.results.flatMap((r) => conversationFiles(runDir, g.folder, r)).map((f) => join(runDir, f)),
  }));
  const fromResults = runSummary(info.serial, withFiles, [...files, manifestPath, reportHtmlPath(runDir)]);
  // The run's spend is the journal's: it also holds killed attempts and calls outside a conversation.
  const summary: RunSummary = {
    ...fromResults,
    ...(info.spend ? { costUsd: info.spend.usd, costByModule: info.spend.byModule } : {}),
    ...(trials === undefined ? {} : { trials }),
    ...(minPassRate === undefined ? {} : { minPassRate }),
  };
  const manifest = runManifest(
    redactDeep({ ...info, secrets: undefined, check: undefined }, secrets),
    entries.map((e) => {
      const own = conversationFiles(runDir, e.folder, e.result);
      const rules = info.check?.conversationRules.get(own[0] ?? '');
      const replay = info.replays?.get(e.result.id);
      return {
        ...e,
        files: own,
        ...(rules === undefined ? {} : { rules }),
        ...(replay === undefined ? {} : { replay }),
      };
    }),
    summary,
    summary.files.map((f) => runRelative(runDir, f)),
    info.check?.manifest,
  );
  await write(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  await writeRunReportHtml(runDir, { secrets });
  return summary;
}
