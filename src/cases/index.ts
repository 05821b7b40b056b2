/** The test-case module's public surface: read a file, map its rows, show the mapping. */
export type {
  AzureCase,
  CaseFile,
  CaseFileFormat,
  CaseRow,
  CaseStyle,
  DatabricksCase,
  MlflowCase,
  ReadCasesOptions,
  RowPlace,
  VellumCase,
} from './case-types.ts';
export { CASE_DEFAULTS, CASE_LIMITS, CASE_STYLES } from './case-types.ts';
export { caseFileFormat, parseCaseText, readCaseFile } from './read-cases.ts';
export {
  CASE_DEFAULT_ROLE,
  citationsOf,
  FOLLOW_UP_RULE,
  toCaseSpec,
  toCaseSpecs,
  type CaseSpec,
  type Citation,
} from './case-spec.ts';
export { caseSpecJson, renderCaseMapping } from './render-mapping.ts';
export { saidStopPhrase } from '../base/text/stop-phrases.ts';
