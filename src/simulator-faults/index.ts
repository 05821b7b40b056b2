export { findSimulatorFaults, isOfflineUser, type FaultCheckOptions } from './find-faults.ts';
export { foldText, goalValuesOf, mentionsValue, type GoalValue } from './goal-values.ts';
export { detectorCode } from './language-codes.ts';
export {
  MIN_LETTERS,
  TOP_GUESSES,
  detectLanguages,
  languageMisses,
  type LanguageDetector,
  type LanguageMiss,
} from './language-check.ts';
export type { SimulatorFault, SimulatorFaultKind } from './types.ts';
