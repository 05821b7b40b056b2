import { SimsimError } from '../base/errors.ts';

/** A profile whose conversations cannot be planned (bad data, a failing list function, ...): exit 2. */
export class PlanError extends SimsimError {
  readonly code = 'SIMSIM_PLAN';
  readonly scope = 'run';
  override readonly name = 'PlanError';
}
