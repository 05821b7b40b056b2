import type { Diagnostic } from './diagnostics/diagnostic.ts';

/** The terminal contract of DECISIONS.md: every way simsim ends maps to one of these. */
export const ExitCode = {
  Ok: 0,
  Findings: 1,
  Usage: 2,
  BudgetExceeded: 3,
  Internal: 70,
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Expected failures: printed without a stack, mapped to an exit code by cli/main.ts. */
export abstract class SimsimError extends Error {
  abstract readonly code: `SIMSIM_${string}`;
  abstract readonly exitCode: ExitCode;
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
  readonly exitCode = ExitCode.Usage;
  override readonly name = 'UsageError';
}

/** Project files that stop a command from starting: exit 2, with the diagnostics that explain why. */
export class InvalidProjectError extends SimsimError {
  readonly code = 'SIMSIM_INVALID_PROJECT';
  readonly exitCode = ExitCode.Usage;
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
  readonly exitCode = ExitCode.Interrupted;
  override readonly name = 'InterruptedError';
}
