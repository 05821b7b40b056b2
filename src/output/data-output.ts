import type { ExtractedOutput } from '../conversation/types.ts';

/**
 * The value Sensei's `data_output` shows for one output: null when missing or unsupported (only
 * the LLM reported it), the raw text when it did not fit its type (Sensei keeps `str(text)` when
 * a cast fails), else the value.
 */
export function dataOutputValue(output: ExtractedOutput): unknown {
  if (output.status === 'missing' || output.status === 'unsupported') return null;
  if (output.status === 'invalid') return output.raw ?? (output.value === undefined ? null : output.value);
  return output.value === undefined ? null : output.value;
}
