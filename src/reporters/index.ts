import { Chalk } from 'chalk';
import type { RunReporter } from '../app/run/events.ts';
import { createDialogueReporter } from './dialogue.ts';
import type { OutputStream } from './output-stream.ts';
import { createPlainReporter } from './plain.ts';

/** What a reporter may write to: the terminal's error stream, and whether it takes colours. */
export interface ReporterTarget {
  readonly stream: OutputStream;
  readonly color: boolean;
}

export type ReporterFactory = (target: ReporterTarget) => RunReporter | Promise<RunReporter>;

/**
 * The run reporters by name. `spinner` needs a real terminal (the CLI picks it only then); the
 * others write plain lines. Adding a reporter: a file with its factory, and a line here.
 */
export const REPORTERS = {
  plain: ({ stream }) => createPlainReporter(stream),
  // ora (the spinner) takes ~40 ms to load: only an interactive terminal needs it.
  spinner: async ({ stream }) => (await import('./spinner.ts')).createSpinnerReporter(stream as NodeJS.WriteStream),
  dialogue: ({ stream, color }) => createDialogueReporter(stream, new Chalk({ level: color ? 1 : 0 })),
} as const satisfies Record<string, ReporterFactory>;

export type ReporterName = keyof typeof REPORTERS;
