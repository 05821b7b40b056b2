import type { Turn } from '../conversation/types.ts';
import type { LlmClient } from '../llm/client.ts';
import type { CachedAnswer } from '../llm/cache/disk-cache.ts';
import { LlmCallError, StructuredOutputError } from '../llm/errors.ts';
import type { CallContext } from '../llm/types.ts';
import {
  isJudgeAnswer,
  JUDGE_ANSWER_SCHEMA,
  JUDGE_SCHEMA_NAME,
  type JudgeAnswer,
  type JudgeVerdict,
} from './answer.ts';
import { criterionLabel, needsLlm, type Criterion, type LlmCriterion } from '../model/expectation.ts';
import { checkEvidence } from './evidence.ts';
import type { JudgeCache, JudgementKey } from './judge-cache.ts';
import { evaluatePattern } from './pattern-criterion.ts';
import { goalAchievedCriterion, JUDGE_SYSTEM_PROMPT, judgeUserMessage } from './prompt.ts';
import type { CriterionResult, SampleResult } from './result.ts';
import { numberedTranscript, transcriptHash } from './transcript.ts';
import { majorityVerdict } from './vote.ts';

/** The module name of judge calls in the cost CSV and the per-module totals. */
export const JUDGE_MODULE = 'judge';

/** What the judge reads of a conversation. */
export interface JudgedConversation {
  readonly turns: readonly Turn[];
  /** Goal sentences with their values (goalsOf(result.metadata) for a stored conversation). */
  readonly goals: readonly string[];
}

export interface JudgeDeps {
  /** The judge model's client; undefined when it is offline (LLM criteria are then inconclusive). */
  readonly client: LlmClient | undefined;
  readonly cache?: JudgeCache | undefined;
  /** Conversation name, test name and cost caps, as for every other LLM role. */
  readonly labels?: Omit<CallContext, 'module' | 'signal'> | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly maxTokens?: number | undefined;
  readonly now?: (() => Date) | undefined;
}

export const NEEDS_AN_LLM =
  'needs an LLM: the judge model is offline (give the judge a model, or use says:/never_says:, which work offline)';

/** The criterion text the judge reads. */
export function criterionText(criterion: LlmCriterion, goals: readonly string[]): string {
  return criterion.kind === 'judge' ? criterion.text : goalAchievedCriterion(goals);
}

const sumCost = (costs: readonly (number | null)[]): number | null =>
  costs.some((c) => c === null) ? null : costs.reduce<number>((sum, c) => sum + (c ?? 0), 0);

/** A judge call that failed for good counts as an inconclusive sample; caps and interrupts propagate. */
function failedCall(error: unknown): string | undefined {
  if (error instanceof LlmCallError || error instanceof StructuredOutputError) return error.message;
  return undefined;
}

function sampleFrom(
  sample: number,
  answer: JudgeAnswer,
  turns: readonly Turn[],
  cached: boolean,
  costUsd: number | null,
): SampleResult {
  const checked = checkEvidence(turns, answer.evidence);
  const base = {
    sample,
    judgeVerdict: answer.verdict,
    reasoning: answer.reasoning,
    evidence: checked.found,
    cached,
    costUsd,
  };
  const [firstMissing] = checked.missing;
  if (answer.verdict !== 'inconclusive' && firstMissing !== undefined) {
    const more =
      checked.missing.length > 1
        ? ` (and ${checked.missing.length - 1} more quote${checked.missing.length === 2 ? '' : 's'})`
        : '';
    return {
      ...base,
      verdict: 'inconclusive',
      problem: `evidence not found: ${firstMissing.problem}${more}; the judge said ${answer.verdict}`,
    };
  }
  return { ...base, verdict: answer.verdict, problem: undefined };
}

async function judgeSample(
  text: string,
  conversation: JudgedConversation,
  sample: number,
  client: LlmClient,
  deps: JudgeDeps,
): Promise<SampleResult> {
  const key: JudgementKey = {
    transcript: transcriptHash(conversation.turns),
    criterion: text,
    provider: client.provider,
    model: client.model,
    temperature: client.spec.temperature,
    sample,
  };
  const hit = await deps.cache?.get(key);
  if (hit !== undefined && isJudgeAnswer(hit.json)) return sampleFrom(sample, hit.json, conversation.turns, true, 0);

  const user = judgeUserMessage(text, numberedTranscript(conversation.turns), conversation.turns.length, sample);
  try {
    const done = await client.complete(
      {
        system: JUDGE_SYSTEM_PROMPT,
        messages: [{ role: 'user', content: user }],
        jsonSchema: JUDGE_ANSWER_SCHEMA,
        schemaName: JUDGE_SCHEMA_NAME,
        maxTokens: deps.maxTokens,
      },
      { ...deps.labels, module: JUDGE_MODULE, signal: deps.signal },
    );
    if (!isJudgeAnswer(done.json)) {
      return {
        sample,
        verdict: 'inconclusive',
        judgeVerdict: undefined,
        reasoning: '',
        evidence: [],
        problem: 'the judge answered without a usable verdict',
        cached: done.cached,
        costUsd: done.costUsd,
      };
    }
    const answer: CachedAnswer = {
      text: done.text,
      json: done.json,
      usage: done.usage,
      model: done.model,
      finishReason: done.finishReason,
    };
    // Also when the LLM cache answered (--cache): the judge cache then serves it without that flag.
    await deps.cache?.set(key, answer, (deps.now ?? (() => new Date()))());
    return sampleFrom(sample, done.json, conversation.turns, done.cached, done.costUsd);
  } catch (error) {
    const failure = failedCall(error);
    if (failure === undefined) throw error;
    return {
      sample,
      verdict: 'inconclusive',
      judgeVerdict: undefined,
      reasoning: '',
      evidence: [],
      problem: `the judge call failed: ${failure}`,
      cached: false,
      costUsd: 0,
    };
  }
}

function tally(samples: readonly SampleResult[]): string {
  const parts = (['passed', 'failed', 'inconclusive'] as const)
    .map((verdict) => ({ verdict, count: samples.filter((s) => s.verdict === verdict).length }))
    .filter((p) => p.count > 0)
    .map((p) => `${p.count} ${p.verdict}`);
  return parts.join(', ');
}

function reasonOf(verdict: JudgeVerdict, samples: readonly SampleResult[]): string {
  const count = (v: JudgeVerdict) => samples.filter((s) => s.verdict === v).length;
  const winner = samples.find((s) => s.verdict === verdict);
  const others = (['passed', 'failed', 'inconclusive'] as const).filter((v) => v !== verdict);
  // An inconclusive majority that is no real leader is a tie between other verdicts.
  if (winner === undefined || others.some((v) => count(v) >= count(verdict)))
    return `no majority: ${tally(samples)} of ${samples.length} samples`;
  const votes = samples.length > 1 ? ` (${tally(samples)} of ${samples.length} samples)` : '';
  return `${winner.problem ?? winner.reasoning}${votes}`;
}

async function judgeWithLlm(
  criterion: LlmCriterion,
  conversation: JudgedConversation,
  deps: JudgeDeps,
): Promise<CriterionResult> {
  const label = criterionLabel(criterion);
  const client = deps.client;
  if (client === undefined)
    return {
      criterion,
      label,
      verdict: 'inconclusive',
      reason: NEEDS_AN_LLM,
      evidence: [],
      samples: [],
      calls: 0,
      cacheHits: 0,
      costUsd: 0,
    };
  const text = criterionText(criterion, conversation.goals);
  const samples: SampleResult[] = [];
  // One after the other: the cost caps then see each sample's spend before the next is sent.
  for (let sample = 1; sample <= criterion.samples; sample++)
    samples.push(await judgeSample(text, conversation, sample, client, deps));
  const verdict = majorityVerdict(samples.map((s) => s.verdict));
  const seen = new Set<string>();
  const evidence = samples
    .filter((s) => s.verdict === verdict)
    .flatMap((s) => s.evidence)
    .filter((e) => {
      const id = `${e.turn}\u0000${e.quote}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  return {
    criterion,
    label,
    verdict,
    reason: reasonOf(verdict, samples),
    evidence,
    samples,
    calls: samples.filter((s) => !s.cached).length,
    cacheHits: samples.filter((s) => s.cached).length,
    costUsd: sumCost(samples.map((s) => s.costUsd)),
  };
}

/** Judges one criterion on one conversation. Never throws for a judge's bad answer or failed call; cost caps and interrupts do propagate. */
export async function judgeCriterion(
  criterion: Criterion,
  conversation: JudgedConversation,
  deps: JudgeDeps,
): Promise<CriterionResult> {
  if (!needsLlm(criterion)) return evaluatePattern(criterion, conversation.turns);
  return judgeWithLlm(criterion, conversation, deps);
}

/** Judges every criterion, in order. */
export async function judgeConversation(
  criteria: readonly Criterion[],
  conversation: JudgedConversation,
  deps: JudgeDeps,
): Promise<CriterionResult[]> {
  const results: CriterionResult[] = [];
  for (const criterion of criteria) results.push(await judgeCriterion(criterion, conversation, deps));
  return results;
}
