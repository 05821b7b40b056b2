import { prepareConversation, type PreparedConversation } from '../check/engine/evaluate-on-conversation.ts';
import { freeNames } from '../check/expression/free-names.ts';
import { parseExpression } from '../check/expression/parser.ts';
import { pyRepr } from '../check/expression/repr.ts';
import { truthy } from '../check/expression/values.ts';
import type { CheckModel } from '../check/helpers/llm/check-model.ts';
import type { ConversationResult } from '../conversation/types.ts';
import { BudgetExceededError } from '../cost/errors.ts';
import { goalsOf, judgeCriterion, type JudgeDeps } from '../judge/index.ts';
import type { CriterionResult } from '../judge/result.ts';
import { criterionLabel, needsLlm, type Expectation, type ExpressionExpectation } from '../model/expectation.ts';
import type { ExpectationResult } from '../model/verdict.ts';
import { checkConversationOf, outputNames } from './conversation-namespace.ts';

export interface ExpectationDeps {
  /** The judge: its client (undefined offline), cache, cost labels and caps, signal. */
  readonly judge: JudgeDeps;
  /** The LLM helpers' model for expressions that call them (semantic_content, tone, ...). */
  readonly checkModel?: CheckModel | undefined;
  /** The conversation's Sensei file name. */
  readonly fileName: string;
  /** LLM criteria are not judged (a simulated user that failed the conversation): they are inconclusive with this reason. */
  readonly skipLlm?: string | undefined;
}

export interface EvaluatedExpectations {
  readonly results: ExpectationResult[];
  /** The cost cap that stopped the judge, when one did (the rest of the LLM criteria are inconclusive). */
  readonly budget?: BudgetExceededError | undefined;
}

/** Values of the plain names an expression reads, for the reason of a false one: `price = 11`. */
function namesShown(source: string, prepared: PreparedConversation): string {
  const parsed = parseExpression(source);
  if (!parsed.ok) return '';
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const use of freeNames(parsed.ast)) {
    if (use.called || use.attributeOfConv || seen.has(use.name)) continue;
    seen.add(use.name);
    const value = prepared.view.vars.get(use.name);
    if (value === undefined && !prepared.view.vars.has(use.name)) continue;
    const text = pyRepr(value ?? null);
    if (text.length <= 80) parts.push(`${use.name} = ${text}`);
  }
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

async function expressionResult(
  expectation: ExpressionExpectation,
  prepared: PreparedConversation,
): Promise<ExpectationResult> {
  const base = { expectation: criterionLabel(expectation), kind: 'expression' as const, evidence: [] };
  const parsed = parseExpression(expectation.source);
  if (!parsed.ok)
    return { ...base, verdict: 'error', reason: `not a valid expression: ${parsed.errors[0]?.message ?? ''}` };
  const evaluation = await prepared.evaluate(parsed.ast);
  if (!evaluation.ok) {
    const { kind, reason } = evaluation.notApplicable;
    return { ...base, verdict: kind === 'unavailable' ? 'inconclusive' : 'error', reason };
  }
  const holds = truthy(evaluation.value);
  const value = pyRepr(evaluation.value);
  return {
    ...base,
    verdict: holds ? 'passed' : 'failed',
    reason: `${expectation.source} is ${value.length > 80 ? `${value.slice(0, 80)}…` : value}${holds ? '' : namesShown(expectation.source, prepared)}`,
  };
}

/** A judge's result in the shape every output records. */
export function fromCriterionResult(result: CriterionResult): ExpectationResult {
  const llm = needsLlm(result.criterion);
  return {
    expectation: result.label,
    kind: result.criterion.kind,
    verdict: result.verdict,
    reason: result.reason,
    evidence: result.evidence,
    ...(llm
      ? {
          samples: result.samples.map((s) => s.verdict),
          calls: result.calls,
          cacheHits: result.cacheHits,
          costUsd: result.costUsd,
        }
      : {}),
  };
}

function notJudged(expectation: Expectation, reason: string): ExpectationResult {
  return {
    expectation: criterionLabel(expectation),
    kind: expectation.kind,
    verdict: 'inconclusive',
    reason,
    evidence: [],
  };
}

/**
 * Checks every expectation of a profile on one finished conversation, in order: expressions
 * with the check evaluator over the conversation's namespace (plus every output by its bare
 * name), judge criteria and goal_achieved with the LLM judge, says/never_says offline. Never
 * throws for what an expectation or the judge does; a cost cap reached while judging leaves the
 * remaining LLM criteria inconclusive and is returned, and an interrupt does the same.
 */
export async function evaluateExpectations(
  result: ConversationResult,
  expectations: readonly Expectation[],
  deps: ExpectationDeps,
): Promise<EvaluatedExpectations> {
  const results: ExpectationResult[] = [];
  let prepared: PreparedConversation | undefined;
  let stopped: string | undefined = deps.skipLlm;
  let budget: BudgetExceededError | undefined;
  const judged = { turns: result.turns, goals: goalsOf(result.metadata) };
  for (const expectation of expectations) {
    if (expectation.kind === 'expression') {
      prepared ??= prepareConversation(checkConversationOf(result, deps.fileName), {
        extraNames: outputNames(result),
        model: deps.checkModel,
      });
      results.push(await expressionResult(expectation, prepared));
      continue;
    }
    if (needsLlm(expectation) && stopped !== undefined) {
      results.push(notJudged(expectation, stopped));
      continue;
    }
    try {
      results.push(fromCriterionResult(await judgeCriterion(expectation, judged, deps.judge)));
    } catch (error) {
      if (error instanceof BudgetExceededError) {
        budget = error;
        stopped = `not judged: the cost cap was reached (${error.message})`;
      } else if (deps.judge.signal?.aborted === true) {
        stopped = 'not judged: the run was interrupted';
      } else throw error;
      results.push(notJudged(expectation, stopped));
    }
  }
  return { results, budget };
}
