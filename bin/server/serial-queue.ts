import { ServerError } from "./server-errors.ts";

/**
 * Runs tasks one at a time in arrival order, so requests reach the model serially and its
 * behaviour stays deterministic for a given request sequence. Bounded: beyond `maxPending`
 * waiting tasks, new ones are refused with 503.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  constructor(private readonly maxPending = 1000) {}

  run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#pending >= this.maxPending) {
      return Promise.reject(new ServerError("CBH_BUSY", 503, "Too many requests are waiting; retry later.", { "Retry-After": "1" }));
    }
    this.#pending++;
    const result = this.#tail.then(task);
    this.#tail = result.then(
      () => {
        this.#pending--;
      },
      () => {
        this.#pending--;
      },
    );
    return result;
  }

  get pending(): number {
    return this.#pending;
  }
}
