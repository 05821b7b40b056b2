/**
 * Short-lived signals that follow a long-lived one (the run's Ctrl-C signal). LLM SDKs add an
 * `abort` listener to the signal of every request and never remove it: handed the run's
 * signal, a long run piles up one listener per call on it, and every later add or remove walks
 * them all. Each call gets its own signal instead, and the run's signal holds one listener for
 * all of them, however long the run: it aborts every signal still linked when it fires.
 */
/** What follows a signal: an AbortController, or a RequestSignal. */
interface Follower {
  abort(reason?: unknown): void;
}

const followers = new WeakMap<AbortSignal, Set<Follower>>();

function followersOf(outer: AbortSignal): Set<Follower> {
  let linked = followers.get(outer);
  if (linked === undefined) {
    const created = new Set<Follower>();
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
export function followAbort(outer: AbortSignal | undefined, controller: Follower): () => void {
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

type AbortListener = ((event: Event) => unknown) | { handleEvent(event: Event): unknown };

/**
 * The signal an LLM SDK call gets: it follows the run's signal like a linked one, at a fraction of
 * the cost. Node makes every AbortController's signal a full EventTarget (a few microseconds, and
 * more garbage, on each of a run's thousands of calls), and the SDKs only read `aborted` and add
 * (and may remove) one `abort` listener. This one keeps its `abort` listeners in a list; listeners
 * of other events are never called, as no one dispatches them.
 */
export class RequestSignal implements AbortSignal {
  onabort: ((this: AbortSignal, event: Event) => unknown) | null = null;
  #aborted = false;
  #reason: unknown = undefined;
  #listeners: AbortListener[] = [];

  get aborted(): boolean {
    return this.#aborted;
  }

  get reason(): unknown {
    return this.#reason;
  }

  throwIfAborted(): void {
    if (this.#aborted) throw this.#reason;
  }

  addEventListener(type: string, listener: AbortListener | null): void {
    // As an EventTarget does: the same listener once, and none after the event has fired.
    if (type !== 'abort' || listener === null || this.#aborted || this.#listeners.includes(listener)) return;
    this.#listeners.push(listener);
  }

  removeEventListener(type: string, listener: AbortListener | null): void {
    if (type !== 'abort' || listener === null) return;
    const at = this.#listeners.indexOf(listener);
    if (at !== -1) this.#listeners.splice(at, 1);
  }

  dispatchEvent(event: Event): boolean {
    if (event.type !== 'abort') return true;
    this.onabort?.call(this, event);
    // Abort listeners are `once` by nature: the signal aborts only once.
    const listeners = this.#listeners;
    this.#listeners = [];
    for (const listener of listeners) {
      if (typeof listener === 'function') listener.call(this, event);
      else listener.handleEvent(event);
    }
    return !event.defaultPrevented;
  }

  /** Aborts once, with the reason given (an AbortError by default), and tells the listeners. */
  abort(reason?: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
    this.dispatchEvent(new Event('abort'));
  }
}

/**
 * Runs `task` with a RequestSignal of its own that follows `outer` until the task settles (no
 * signal without an outer one). For callers that only read `aborted` and listen for `abort`
 * (the LLM SDKs); Node's own APIs want a real AbortSignal: use withLinkedSignal for them.
 */
export async function withRequestSignal<T>(
  outer: AbortSignal | undefined,
  task: (signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  if (outer === undefined) return task(undefined);
  const signal = new RequestSignal();
  const dispose = followAbort(outer, signal);
  try {
    return await task(signal);
  } finally {
    dispose();
  }
}
