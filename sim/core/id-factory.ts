import type { Prng, PrngStream } from "./prng.ts";

/** Two lowercase hex digits of every byte value. */
const HEX: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

/** Deterministic ids: RFC 4122 version-4 uuids drawn from the seed's `ids` stream. */
export class IdFactory {
  readonly #stream: PrngStream;
  readonly #bytes = new Uint8Array(16);

  constructor(prng: Prng, streamName = "ids") {
    this.#stream = prng.stream(streamName);
  }

  uuid(): string {
    const b = this.#stream.fill(this.#bytes);
    b[6] = ((b[6] as number) & 0x0f) | 0x40;
    b[8] = ((b[8] as number) & 0x3f) | 0x80;
    let out = "";
    for (let i = 0; i < 16; i++) out += (i === 4 || i === 6 || i === 8 || i === 10 ? "-" : "") + HEX[b[i] as number];
    return out;
  }

  /** Hex token of `bytes` random bytes (request ids, tokens). */
  hex(bytes: number): string {
    let out = "";
    for (const x of this.#stream.fill(new Uint8Array(bytes))) out += HEX[x];
    return out;
  }
}
