import { ServerError } from "./server-errors.ts";

/**
 * Bounds the request bytes held in memory across all requests at once (bodies waiting in the
 * queue or being handled): beyond it, new bytes are refused with 503 and `Retry-After`.
 */
export class ByteBudget {
  #used = 0;

  constructor(readonly limit: number) {}

  take(n: number): void {
    if (this.#used + n > this.limit) {
      throw new ServerError("CBH_BUSY", 503, "The server is holding too many request bytes; retry later.", { "Retry-After": "1" });
    }
    this.#used += n;
  }

  give(n: number): void {
    this.#used = Math.max(0, this.#used - n);
  }

  get used(): number {
    return this.#used;
  }
}
