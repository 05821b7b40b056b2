/** In-process and function targets: a JavaScript or Python function as the chatbot under test. */
export { loadTarget } from './create-target.ts';
export { createJsTarget } from './js-target.ts';
export { createPythonTarget } from './python-target.ts';
export { parseTargetSpec, type TargetSpec, type TargetSpecResult } from './target-spec.ts';
export { targetEnvironment } from './target-env.ts';
export {
  TARGET_DEFAULTS,
  type TargetConnector,
  type TargetMessage,
  type TargetOpenOptions,
  type TargetOptions,
} from './types.ts';
export { checkTarget, type TargetProblem } from './check-target.ts';
