export {
  belowMinKappa,
  calibrate,
  type CalibrationReport,
  type CriterionCalibration,
  type JudgedItem,
} from './calibrate.ts';
export { calibrationJson, formatCalibrationText } from './format.ts';
export {
  MAX_LABELS_BYTES,
  expectationKey,
  formatLabelProblems,
  parseLabels,
  readLabelsFile,
  type HumanLabel,
  type LabelProblem,
  type ParsedLabels,
} from './labels.ts';
