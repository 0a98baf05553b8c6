/**
 * Cancelling a callout (user cancel or timeout) without an AbortController per send: EventTarget
 * is costly on Node's hot path. A real AbortSignal is made only when something needs one (the
 * credential service's token requests).
 */
export class Cancellation {
  reason: Error | undefined;
  #listener: ((reason: Error) => void) | undefined;
  #controller: AbortController | undefined;

  get aborted(): boolean {
    return this.reason !== undefined;
  }

  abort(reason: Error) {
    if (this.reason) return;
    this.reason = reason;
    this.#controller?.abort(reason);
    const listener = this.#listener;
    this.#listener = undefined;
    listener?.(reason);
  }

  /** The running hop's listener (one at a time); returns the way to remove it. */
  onAbort(listener: (reason: Error) => void): () => void {
    this.#listener = listener;
    return () => {
      if (this.#listener === listener) this.#listener = undefined;
    };
  }

  /** An AbortSignal for APIs that take one, made on first use. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.reason) this.#controller.abort(this.reason);
    }
    return this.#controller.signal;
  }
}
