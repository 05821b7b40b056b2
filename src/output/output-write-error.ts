import { SimsimError } from '../base/errors.ts';

/** A finished conversation's files could not be written: the run stops, what is on disk stays. */
export class OutputWriteError extends SimsimError {
  readonly code = 'SIMSIM_OUTPUT_WRITE';
  readonly scope = 'run';
  override readonly name = 'OutputWriteError';

  constructor(conversation: string, runDir: string, cause: unknown) {
    super(
      `cannot write the files of conversation ${conversation} in ${runDir}: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        hint: 'Free some disk space or choose a writable --output folder, then resume the run with --resume.',
        cause,
      },
    );
  }
}
