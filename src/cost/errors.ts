import { SimsimError } from '../base/errors.ts';

export type CapScope = 'run' | 'conversation';

/**
 * A call was refused because it could push spending past a cap. Sensei's error codes: 2000 for
 * the run-wide cap, 2001 for the per-conversation cap. Exit 3 when it ends the run.
 */
export class BudgetExceededError extends SimsimError {
  readonly code = 'SIMSIM_BUDGET_EXCEEDED';
  override readonly name = 'BudgetExceededError';
  readonly scope: CapScope;
  readonly capUsd: number;
  readonly spentUsd: number;
  /** Sensei's error code for this stop (2000 run, 2001 conversation). */
  readonly senseiCode: 2000 | 2001;

  constructor(scope: CapScope, capUsd: number, spentUsd: number) {
    const what = scope === 'run' ? 'run' : 'conversation';
    super(`the ${what} cost cap of $${capUsd} is reached ($${spentUsd.toFixed(6)} spent or committed)`, {
      hint:
        scope === 'run'
          ? 'Raise conversation.max_cost or --max-cost, or run fewer conversations.'
          : 'Raise goal_style.max_cost in the profile.',
    });
    this.scope = scope;
    this.capUsd = capUsd;
    this.spentUsd = spentUsd;
    this.senseiCode = scope === 'run' ? 2000 : 2001;
  }
}

/** A cost cap is set but the model has no known price, so the cap cannot be enforced. */
export class PriceUnknownError extends SimsimError {
  readonly code = 'SIMSIM_PRICE_UNKNOWN';
  readonly scope = 'run';
  override readonly name = 'PriceUnknownError';

  constructor(provider: string, model: string, example: string) {
    super(`a cost cap is set, but the price of ${provider}:${model} is unknown`, {
      hint: `Add its price to run.yml: ${example}`,
    });
  }
}
