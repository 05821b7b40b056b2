import { SimsimError } from '../base/errors.ts';

/** A speech engine simsim needs is not installed: the run cannot start (exit 2). */
export class SpeechEngineMissingError extends SimsimError {
  readonly code = 'SIMSIM_SPEECH_ENGINE';
  readonly scope = 'run';
  override readonly name = 'SpeechEngineMissingError';

  constructor(what: string, packages: readonly string[]) {
    super(`${what} is not installed, and this speech profile needs it`, {
      hint: `Install it with: sudo apt-get install ${packages.join(' ')} (Debian and Ubuntu), or choose OpenAI speech: set OPENAI_API_KEY and run without --model offline.`,
    });
  }
}

/** An engine that ran but failed on one message: the conversation ends as a simulator error. */
export class SpeechFailedError extends SimsimError {
  readonly code = 'SIMSIM_SPEECH_FAILED';
  readonly scope = 'conversation';
  override readonly name = 'SpeechFailedError';
}
