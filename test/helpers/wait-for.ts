/** Polls `condition` every `intervalMs` until it holds; throws after `timeoutMs`, so a missed event fails the test. */
export async function waitFor(condition: () => boolean, timeoutMs = 20_000, intervalMs = 25): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
