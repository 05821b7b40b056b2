import type { Clock } from '../../src/base/clock.ts';

/** SDKs read these from process.env; tests pass everything explicitly, so none may leak in. */
const PROVIDER_ENV = /^(OPENAI_|ANTHROPIC_|OLLAMA_|VLLM_|LMSTUDIO_|LLAMACPP_)/;

export function clearProviderEnv(): void {
  for (const key of Object.keys(process.env)) if (PROVIDER_ENV.test(key)) delete process.env[key];
}

/** A clock whose sleeps return at once and advance time, recording every wait. */
export class FakeClock implements Clock {
  time = 1_700_000_000_000;
  readonly sleeps: number[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.sleeps.push(ms);
    this.time += ms;
    return Promise.resolve();
  }
}
