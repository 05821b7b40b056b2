/**
 * Short-lived signals that follow a long-lived one (the run's Ctrl-C signal). LLM SDKs add an
 * `abort` listener to the signal of every request and never remove it: handed the run's
 * signal, a long run piles up one listener per call on it, and every later add or remove walks
 * them all. Each call gets its own signal instead, and the run's signal holds one listener for
 * all of them, however long the run: it aborts every signal still linked when it fires.
 */
const followers = new WeakMap<AbortSignal, Set<AbortController>>();

function followersOf(outer: AbortSignal): Set<AbortController> {
  let linked = followers.get(outer);
  if (linked === undefined) {
    const created = new Set<AbortController>();
    outer.addEventListener(
      'abort',
      () => {
        for (const controller of created) controller.abort(outer.reason);
        created.clear();
      },
      { once: true },
    );
    followers.set(outer, created);
    linked = created;
  }
  return linked;
}

/**
 * Makes `controller` abort (with the same reason) when `outer` does, until the returned function
 * is called; an already aborted `outer` aborts it at once.
 */
export function followAbort(outer: AbortSignal | undefined, controller: AbortController): () => void {
  if (outer === undefined) return () => undefined;
  if (outer.aborted) {
    controller.abort(outer.reason);
    return () => undefined;
  }
  const linked = followersOf(outer);
  linked.add(controller);
  return () => {
    linked.delete(controller);
  };
}

export interface AbortLink {
  /** undefined when there is nothing to follow. */
  readonly signal: AbortSignal | undefined;
  /** Unlinks the signal from the one it follows: call it when the request has ended. */
  readonly dispose: () => void;
}

/** A fresh signal for one request that aborts when `outer` does; dispose it when the request ends. */
export function linkedSignal(outer: AbortSignal | undefined): AbortLink {
  if (outer === undefined) return { signal: undefined, dispose: () => undefined };
  const controller = new AbortController();
  return { signal: controller.signal, dispose: followAbort(outer, controller) };
}

/** Runs `task` with a linked signal of its own, disposed when it settles. */
export async function withLinkedSignal<T>(
  outer: AbortSignal | undefined,
  task: (signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  const link = linkedSignal(outer);
  try {
    return await task(link.signal);
  } finally {
    link.dispose();
  }
}
