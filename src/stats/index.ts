export { binomial, gcd } from './binomial.ts';
export { passHatK, passHatKCurve, fraction, type Fraction, type PassHatK } from './pass-hat-k.ts';
export { wilsonInterval, Z_95, type Interval } from './wilson.ts';
export { classifyTrials, summarizeOutcomes, summarizeTrials, type TrialClass, type TrialSummary } from './trials.ts';
export { mcnemarExact, type McNemarResult } from './mcnemar.ts';
export {
  BINARY_LABELS,
  VERDICT_LABELS,
  cohenKappa,
  type Agreement,
  type LabelPair,
  type VerdictLabel,
} from './agreement.ts';
