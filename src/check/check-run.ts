import { join, relative, sep } from 'node:path';
import { readdir, stat } from 'node:fs/promises';
import type { LlmRuntime } from '../llm/llm-runtime.ts';
import type { ModelSpec } from '../model/model-spec.ts';
import { writeFileAtomic } from '../base/atomic-write.ts';
import { conversationOutputsDir } from '../output/run-layout.ts';
import { usesRunFacts } from './check-files.ts';
import { loadConversations } from './conversations/load-conversations.ts';
import type { Conversation } from './conversations/read-conversation.ts';
import { checkConversations } from './engine/check-conversations.ts';
import { failedRules, type CheckResult } from './engine/results.ts';
import { llmCheckModel } from './llm-check-model.ts';
import { checkJunitSuite, type JunitSuiteXml } from './report/junit.ts';
import { failRate, senseiCheckCsv } from './report/sensei-csv.ts';
import { loadRules } from './rules/load-rules.ts';

/** `<out>/reports/__check_reports__/check_<serial>.csv`: Sensei's result CSV for the run. */
export function checkReportPath(outputDir: string, serial: string): string {
  return join(outputDir, 'reports', '__check_reports__', `check_${serial}.csv`);
}

/** What a run reports about its rules: in run.json, junit.xml, the summary and the exit code. */
export interface RunCheckReport {
  readonly csvPath: string;
  readonly rules: number;
  readonly failedRules: readonly string[];
  readonly costCapReached: boolean;
  readonly junit: JunitSuiteXml;
  /** The `check` block of run.json. */
  readonly manifest: Readonly<Record<string, unknown>>;
  readonly warnings: readonly string[];
  /**
   * Each conversation's results of the rules about one conversation at a time, keyed by its file
   * relative to the output folder (with `/`): what run.json lists per conversation and `simsim
   * diff` compares. Not-applicable checks are left out; pairwise and global rules are in `manifest`.
   */
  readonly conversationRules: ReadonlyMap<string, readonly ConversationRuleResult[]>;
}

export interface ConversationRuleResult {
  readonly rule: string;
  readonly status: 'pass' | 'fail';
  readonly message?: string;
}

function conversationRules(result: CheckResult): Map<string, ConversationRuleResult[]> {
  const byFile = new Map<string, ConversationRuleResult[]>();
  for (const row of result.rows) {
    if (row.rule?.kind !== 'single') continue;
    for (const entry of row.entries) {
      const [file] = entry.conversations;
      if (file === undefined || entry.conversations.length !== 1 || entry.verdict === 'not_applicable') continue;
      const key = file.split(sep).join('/');
      const own = byFile.get(key) ?? [];
      own.push({
        rule: row.name,
        status: entry.verdict,
        ...(entry.verdict === 'fail' && entry.message !== undefined ? { message: entry.message } : {}),
      });
      byFile.set(key, own);
    }
  }
  return byFile;
}

export interface RunCheckOptions {
  readonly projectDir: string;
  readonly outputDir: string;
  readonly serial: string;
  readonly llm: LlmRuntime;
  /** The model of the LLM helpers (the run's --model, or its first profile's). */
  readonly model: ModelSpec;
  readonly concurrency: number;
  readonly runMaxCostUsd?: number | undefined;
  readonly endedAt: string;
}

function manifestBlock(result: CheckResult, outputDir: string, csvPath: string): Record<string, unknown> {
  return {
    report: relative(outputDir, csvPath),
    conversations: result.conversations,
    cost_cap_reached: result.costCapReached,
    rules: result.rows.map((row) => ({
      name: row.name,
      kind: row.kind,
      file: row.rule?.file ?? null,
      checks: row.counts.checks,
      pass: row.counts.pass,
      fail: row.counts.fail,
      not_applicable: row.counts.notApplicable,
      fail_rate: failRate(row.counts),
      failures: row.entries
        .filter((e) => e.verdict === 'fail')
        .map((e) => ({ conversations: e.conversations, message: e.message ?? null })),
    })),
  };
}

/**
 * Checks the project's active rules over every conversation of the run (all of them again on
 * a resume), writes Sensei's result CSV, and returns what the run's reports need. Undefined
 * when the project has no active rule.
 */
export async function checkRunOutputs(options: RunCheckOptions): Promise<RunCheckReport | undefined> {
  const rulesDir = join(options.projectDir, 'rules');
  if (
    !(await stat(rulesDir).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  )
    return undefined;
  const { rules } = await loadRules(rulesDir, options.projectDir);
  const active = rules.filter((rule) => rule.active);
  if (active.length === 0) return undefined;
  // Only this run's conversations: `conversation_outputs/<folder>/<serial>/...`.
  const outputs = conversationOutputsDir(options.outputDir);
  const folders = await readdir(outputs, { withFileTypes: true }).catch(() => []);
  const conversations: Conversation[] = [];
  const problems: string[] = [];
  for (const folder of folders
    .filter((f) => f.isDirectory())
    .map((f) => f.name)
    .sort()) {
    const dir = join(outputs, folder, options.serial);
    if (
      !(await stat(dir).then(
        (s) => s.isDirectory(),
        () => false,
      ))
    )
      continue;
    const loaded = await loadConversations(dir, options.outputDir, { facts: usesRunFacts(rules) });
    conversations.push(...loaded.conversations);
    problems.push(...loaded.skipped.map((s) => `skipped ${s.file}: ${s.problem}`));
  }
  const model = llmCheckModel(options.llm, options.model, {
    concurrency: options.concurrency,
    runMaxCostUsd: options.runMaxCostUsd,
  });
  const result = await checkConversations({ rules, conversations, model });
  const csvPath = checkReportPath(options.outputDir, options.serial);
  await writeFileAtomic(csvPath, senseiCheckCsv(result));
  return {
    csvPath,
    rules: active.length,
    failedRules: failedRules(result).map((row) => row.name),
    costCapReached: result.costCapReached,
    junit: checkJunitSuite(result, { timestamp: options.endedAt, name: 'rules' }),
    manifest: manifestBlock(result, options.outputDir, csvPath),
    warnings: [...problems, ...result.warnings],
    conversationRules: conversationRules(result),
  };
}
