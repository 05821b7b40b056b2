import type { Diagnostic } from './diagnostics/diagnostic.ts';

/**
 * How far a failure reaches: `conversation` ends one conversation (the run goes on and records
 * it), `run` stops the whole command. Only the CLI turns errors into exit codes.
 */
export type ErrorScope = 'conversation' | 'run';

/** Expected failures: printed without a stack; cli/exit-codes.ts maps them to exit codes. */
export abstract class SimsimError extends Error {
  abstract readonly code: `SIMSIM_${string}`;
  abstract readonly scope: ErrorScope;
  /** What the user can do about it, printed under the message. */
  readonly hint: string | undefined;

  constructor(message: string, options?: { hint?: string | undefined; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.hint = options?.hint;
  }
}

/** Bad flags, missing paths, unreadable inputs: exit 2. */
export class UsageError extends SimsimError {
  readonly code = 'SIMSIM_USAGE';
  readonly scope = 'run';
  override readonly name = 'UsageError';
}

/** Project files that stop a command from starting: exit 2, with the diagnostics that explain why. */
export class InvalidProjectError extends SimsimError {
  readonly code = 'SIMSIM_INVALID_PROJECT';
  readonly scope = 'run';
  override readonly name = 'InvalidProjectError';
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[], message?: string) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    super(message ?? `${errors} error${errors === 1 ? '' : 's'} in the project files`, {
      hint: 'Fix them (run "simsim validate" to see them all) and try again.',
    });
    this.diagnostics = diagnostics;
  }
}

export function isSimsimError(error: unknown): error is SimsimError {
  return error instanceof SimsimError;
}

/** Ctrl-C or SIGTERM before anything was run (while validating or planning): exit 130. */
export class InterruptedError extends SimsimError {
  readonly code = 'SIMSIM_INTERRUPTED';
  readonly scope = 'run';
  override readonly name = 'InterruptedError';
}
