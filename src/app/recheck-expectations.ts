import { UsageError } from '../base/errors.ts';
import { runSerial } from '../base/run-serial.ts';
import type { ConversationResult } from '../conversation/types.ts';
import { JudgeCache } from '../judge/index.ts';
import type { Project } from '../load/project.ts';
import { listFinishedConversations } from '../output/finished-conversations.ts';
import { senseiConversationFileName } from '../output/run-layout.ts';
import { RunSummaryTally, type RunSummary } from '../output/run-summary.ts';
import { judgeResult } from '../verdict/index.ts';
import { createRunLlm } from './run/create-run-llm.ts';
import { profileJudge } from './run/profile-judge.ts';

export interface RecheckOutcome {
  /** Every stored conversation of the run, with its verdict from the profiles' expectations as they are now. */
  readonly results: readonly ConversationResult[];
  /** Conversations whose profile the project no longer has (not re-judged). */
  readonly orphans: readonly ConversationResult[];
  readonly summary: RunSummary;
  readonly costCapReached: boolean;
}

/**
 * `simsim check --expect`: the stored conversations of a run judged again with the project's
 * current expectations (`chatbot.expect`, outputs' `expect:`), without replaying them. The
 * judge's calls are cached by transcript and criterion, so unchanged ones cost nothing; their
 * cost rows go to the run folder's reports. Nothing of the run's files is rewritten.
 */
export async function recheckExpectations(
  project: Project,
  runDir: string,
  options: { readonly now: Date; readonly signal?: AbortSignal | undefined },
): Promise<RecheckOutcome> {
  const records = await listFinishedConversations(runDir);
  if (records.length === 0)
    throw new UsageError(`${runDir} holds no finished conversation of simsim run`, {
      hint: 'Give the output folder of a simsim run (its --output, default output).',
    });
  const { settings } = project;
  const llm = await createRunLlm({
    project,
    outputDir: runDir,
    serial: `check_${runSerial(options.now)}`,
    maxCostUsd: settings.maxCostUsd,
  });
  const cache = JudgeCache.forProject(project.dir, settings.cache);
  const judges = new Map(
    project.profiles.map((p) => [p.file, profileJudge(p, settings, llm, cache, options.signal)] as const),
  );
  for (const judge of judges.values()) if (judge.callsModel) llm.check(judge.spec);
  const results: ConversationResult[] = [];
  const orphans: ConversationResult[] = [];
  const tally = new RunSummaryTally();
  let costCapReached = false;
  try {
    for (const record of records) {
      const profile = project.profiles.find((p) => p.file === record.result.profileFile);
      const judge = judges.get(record.result.profileFile);
      if (profile === undefined || judge === undefined) {
        orphans.push(record.result);
        continue;
      }
      const name = senseiConversationFileName(record.folder, record.result.index, record.result.serial);
      const caps = {
        runMaxCostUsd: profile.conversation.maxCostPerRun,
        conversationMaxCostUsd: profile.conversation.maxCostPerConversation,
      };
      const judged = await judgeResult(record.result, profile.chatbot.expect, judge.deps(name, caps));
      if (judged.budget !== undefined) costCapReached = true;
      results.push(judged.result);
      tally.add(record.folder, judged.result);
    }
  } finally {
    await cache.finish();
    await llm.finish();
  }
  const summary = tally.summary(records[0]?.result.serial ?? '', []);
  return { results, orphans, summary, costCapReached };
}
