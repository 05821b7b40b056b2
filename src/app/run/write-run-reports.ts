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
import { exportsAnsweredCsv } from '../../output/answered-csv.ts';
import { reportHtmlPath, writeRunReportHtml } from '../../report/write-report-html.ts';
import { formatFilePath, RUN_FORMAT_FILES, runFormatText } from '../../output/formats/format-files.ts';
import type { OutputFormat } from '../../model/run-settings.ts';

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
      a.index - b.index,
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

function conversationFiles(
  runDir: string,
  folder: string,
  result: ConversationResult,
  formats: readonly OutputFormat[],
): string[] {
  const files = [runRelative(runDir, senseiConversationYamlPath(runDir, folder, result.serial, result.index))];
  if (exportsAnsweredCsv(result))
    files.push(runRelative(runDir, senseiAnsweredCsvPath(runDir, folder, result.serial, result.index)));
  for (const format of formats) files.push(runRelative(runDir, formatFilePath(runDir, folder, result, format)));
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

  const files: string[] = [];
  files.push(
    await write(
      statsReportPath(runDir, info.serial),
      statsReportYaml(
        entries.map((e) => ({ ...e, fileName: senseiConversationFileName(e.folder, e.result.index, e.result.serial) })),
        info.spend?.usd,
      ),
    ),
  );
  files.push(
    await write(
      conversationsJsonlPath(runDir),
      conversationsJsonl(
        entries.map((e) => ({
          result: e.result,
          file: runRelative(runDir, senseiConversationYamlPath(runDir, e.folder, e.result.serial, e.result.index)),
        })),
      ),
    ),
  );
  const suites = groups.map((g) => ({
    name: g.folder,
    profileFile: g.results[0]?.profileFile ?? '',
    cases: g.results.map((result) => ({ result, name: senseiConversationBase(g.folder, result.index, result.serial) })),
  }));
  files.push(await write(junitPath(runDir), junitXml(suites, info.endedAt, info.check ? [info.check.junit] : [])));
  const formats = info.formats ?? [];
  const written = entries.map((e) => e.result);
  for (const format of formats) {
    const name = RUN_FORMAT_FILES[format];
    const text = runFormatText(written, format);
    if (name !== undefined && text !== undefined) files.push(await write(join(runDir, name), text));
  }
  if (info.check) files.push(info.check.csvPath);

  const manifestPath = runManifestPath(runDir);
  const withFiles = groups.map((g) => ({
    ...g,
    files: g.results.flatMap((r) => conversationFiles(runDir, g.folder, r, formats)).map((f) => join(runDir, f)),
  }));
  const fromResults = runSummary(info.serial, withFiles, [...files, manifestPath, reportHtmlPath(runDir)]);
  // The run's spend is the journal's: it also holds killed attempts and calls outside a conversation.
  const summary = info.spend
    ? { ...fromResults, costUsd: info.spend.usd, costByModule: info.spend.byModule }
    : fromResults;
  const manifest = runManifest(
    redactDeep({ ...info, secrets: undefined, check: undefined }, secrets),
    entries.map((e) => ({ ...e, files: conversationFiles(runDir, e.folder, e.result, formats) })),
    summary,
    summary.files.map((f) => runRelative(runDir, f)),
    info.check?.manifest,
  );
  await write(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  await writeRunReportHtml(runDir, { secrets });
  return summary;
}
