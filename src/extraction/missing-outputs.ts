import type { CodedError, ExtractedOutput } from '../conversation/types.ts';

/** Sensei's error 1001 when some declared outputs were not found: `<n> goals left to complete.` */
export function missingOutputsError(outputs: readonly ExtractedOutput[]): CodedError | undefined {
  const missing = outputs.filter((o) => o.status === 'missing' || o.status === 'unsupported').length;
  return missing === 0 ? undefined : { code: 1001, message: `${missing} goals left to complete.` };
}
