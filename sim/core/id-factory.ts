import type { Prng, PrngStream } from "./prng.ts";

/** Deterministic ids: RFC 4122 version-4 uuids drawn from the seed's `ids` stream. */
export class IdFactory {
  readonly #stream: PrngStream;

  constructor(prng: Prng, streamName = "ids") {
    this.#stream = prng.stream(streamName);
  }

  uuid(): string {
    const b = this.#stream.fill(new Uint8Array(16));
    b[6] = ((b[6] as number) & 0x0f) | 0x40;
    b[8] = ((b[8] as number) & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /** Hex token of `bytes` random bytes (request ids, tokens). */
  hex(bytes: number): string {
    return Array.from(this.#stream.fill(new Uint8Array(bytes)), (x) => x.toString(16).padStart(2, "0")).join("");
  }
}
