import { SimsimError } from '../base/errors.ts';
import { BudgetExceededError } from '../cost/errors.ts';
import type { ExtractedOutput, Turn } from '../conversation/types.ts';
import type { OutputSpec } from '../model/output-type.ts';
import type { OutputExtractor } from '../conversation/ports.ts';
import { extractByPattern } from './deterministic.ts';
import type { JsonCompleter } from '../conversation/ports.ts';
import { extractByLlm } from './llm-extraction.ts';

export interface OutputExtractorOptions {
  /** The LLM for what patterns cannot settle; without it those outputs stay missing (offline). */
  readonly completer?: JsonCompleter | undefined;
  /** The run's clock, for relative dates ("tomorrow") and the model's "today". */
  readonly now?: (() => Date) | undefined;
  /** Read numeric dates month first (`6/11/2024` = June 11); day first by default. */
  readonly monthFirst?: boolean | undefined;
}

/**
 * Extracts every declared output: deterministic patterns first (custom formats, money, numbers,
 * times, dates, yes/no), then one structured LLM call for the rest. The result keeps the
 * declaration order; nothing is dropped: unfound values are `missing`, misfits `invalid`.
 * A failed LLM call (an API error, JSON that never fits) leaves the rest `missing` with a note
 * and keeps what patterns found; a cost cap or an abort propagates to the caller.
 */
export function createOutputExtractor(options: OutputExtractorOptions = {}): OutputExtractor {
  const clock = options.now ?? (() => new Date());
  return {
    async extract(
      outputs: readonly OutputSpec[],
      history: readonly Turn[],
      signal?: AbortSignal,
    ): Promise<ExtractedOutput[]> {
      const now = clock();
      const found = new Map<string, ExtractedOutput>();
      const find = { now, monthFirst: options.monthFirst, guessWhenAmbiguous: options.completer === undefined };
      for (const spec of outputs) {
        const byPattern = extractByPattern(spec, history, find);
        if (byPattern) found.set(spec.name, byPattern);
      }
      const left = outputs.filter((spec) => !found.has(spec.name));
      if (left.length > 0 && options.completer) {
        try {
          for (const output of await extractByLlm(left, history, options.completer, now, signal))
            found.set(output.name, output);
        } catch (error) {
          if (
            signal?.aborted ||
            !(error instanceof SimsimError) ||
            error.scope !== 'conversation' ||
            error instanceof BudgetExceededError
          )
            throw error;
          for (const spec of left)
            found.set(spec.name, {
              name: spec.name,
              value: null,
              status: 'missing',
              note: `LLM extraction failed: ${error.message}`,
            });
        }
      }
      return outputs.map((spec) => found.get(spec.name) ?? { name: spec.name, value: null, status: 'missing' });
    },
  };
}
