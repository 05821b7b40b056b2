import { setImmediate as nextTurn } from 'node:timers/promises';
import { InterruptedError } from '../base/errors.ts';

/**
 * Lets the event loop run (so a SIGINT or SIGTERM handler can abort) and stops the planning if
 * it did. Planning is CPU work that would otherwise hold the loop until the whole plan is made.
 */
export async function checkpoint(signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return;
  // Two turns: a turn that starts in the poll phase reaches the immediates without polling
  // again, so a signal that came during the work just done would be seen one turn later.
  await nextTurn();
  await nextTurn();
  throwIfInterrupted(signal);
}

export function planningInterrupted(): InterruptedError {
  return new InterruptedError('interrupted while planning the conversations; no conversation was started', {
    hint: 'Nothing was written. Run it again when you are ready.',
  });
}

export function throwIfInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw planningInterrupted();
}
