import { appendFileSync } from 'node:fs';
import type { Readable } from 'node:stream';

/** A line longer than this is written in pieces (keeping enough of its end to catch a secret cut in two). */
const MAX_PENDING = 64 * 1024;
const CARRY = 4 * 1024;

export interface RedactedLog {
  /** Writes what is still pending (a last line without a newline). */
  flush(): void;
  /** Resolves when every source has ended (or at once if there is none). */
  readonly ended: Promise<void>;
}

/**
 * Copies a child's stdout and stderr into its log file with secrets removed. Text is written a
 * line at a time, so a secret is never split between two writes; writes are synchronous so the
 * log is complete whenever it is read to explain a failure.
 */
export function copyToLog(sources: readonly Readable[], path: string, redact: (text: string) => string): RedactedLog {
  const pending = sources.map(() => '');
  const write = (text: string) => {
    if (text === '') return;
    try {
      appendFileSync(path, redact(text), 'utf8');
    } catch {
      // A log that cannot be written must not stop the chatbot server.
    }
  };
  const ended = sources.map(
    (source, i) =>
      new Promise<void>((resolve) => {
        source.setEncoding('utf8');
        source.on('data', (chunk: string) => {
          let text = pending[i] + chunk;
          const end = text.lastIndexOf('\n');
          if (end >= 0) {
            write(text.slice(0, end + 1));
            text = text.slice(end + 1);
          }
          if (text.length > MAX_PENDING) {
            const cleaned = redact(text);
            write(cleaned.slice(0, -CARRY));
            text = cleaned.slice(-CARRY);
          }
          pending[i] = text;
        });
        source.once('close', () => resolve());
        source.once('end', () => resolve());
        source.once('error', () => resolve());
      }),
  );
  return {
    flush: () => {
      pending.forEach((text, i) => {
        write(text);
        pending[i] = '';
      });
    },
    ended: Promise.all(ended).then(() => undefined),
  };
}
