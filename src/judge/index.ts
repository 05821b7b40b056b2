export {
  JUDGE_ANSWER_SCHEMA,
  JUDGE_SCHEMA_NAME,
  JUDGE_VERDICTS,
  isJudgeAnswer,
  type Evidence,
  type JudgeAnswer,
  type JudgeVerdict,
} from './answer.ts';
export {
  MAX_SAMPLES,
  criterionLabel,
  needsLlm,
  readCriterion,
  type Criterion,
  type LlmCriterion,
  type PatternCriterion,
  type ReadCriterion,
} from '../model/expectation.ts';
export { checkEvidence, normalizeForMatch, quoteAppears, type EvidenceCheck } from './evidence.ts';
export { goalsOf } from './goals.ts';
export { JudgeCache, judgeCacheDir, type JudgementKey } from './judge-cache.ts';
export { JUDGE_TEMPERATURE, isOfflineModel, judgeModelSpec, type JudgeModelSettings } from '../model/judge-model.ts';
export {
  JUDGE_MODULE,
  NEEDS_AN_LLM,
  criterionText,
  judgeConversation,
  judgeCriterion,
  type JudgeDeps,
  type JudgedConversation,
} from './judge.ts';
export { compileSearch, type CompiledSearch } from '../model/search-pattern.ts';
export { evaluatePattern } from './pattern-criterion.ts';
export { JUDGE_PROMPT_VERSION, JUDGE_SYSTEM_PROMPT, goalAchievedCriterion, judgeUserMessage } from './prompt.ts';
export type { CriterionResult, SampleResult } from './result.ts';
export { chatbotText, numberedTranscript, transcriptHash } from './transcript.ts';
export { majorityVerdict } from './vote.ts';
