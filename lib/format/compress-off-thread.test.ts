import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { xorshiftBytes } from "./byte-patterns.ts";
import { prepareOutputData } from "./compression.ts";
import { deflateOffThread, prepareOutputDataOffThread } from "./compress-off-thread.ts";

const MiB = 1 << 20;
const text = (n: number) => new Uint8Array(Buffer.alloc(n, "cinder backup compressible text 0123456789\n"));

describe("compress-off-thread: node:zlib on the thread pool gives the synchronous bytes", () => {
  it("deflateOffThread equals deflateSync (one big output buffer does not change the stream)", async () => {
    for (const data of [new Uint8Array(0), xorshiftBytes(100, 1), xorshiftBytes(3 * MiB + 5, 2), text(3 * MiB), new Uint8Array(MiB)])
      expect(Buffer.from(await deflateOffThread(data)).equals(deflateSync(data))).toBe(true);
  });

  it("prepareOutputDataOffThread equals prepareOutputData for every encoder and kind of data", async () => {
    const sparse = xorshiftBytes(17 * MiB, 3);
    sparse.fill(0, MiB, 2 * MiB);
    const compressibleHead = xorshiftBytes(MiB, 4);
    compressibleHead.set(text(512 * 1024), 0);
    const all = [
      ["zlib", "exact"],
      ["zlib", "native"],
      ["gzip", "exact"],
      ["none", "exact"],
    ] as const;
    const cases = [xorshiftBytes(2 * MiB, 5), text(2 * MiB), compressibleHead, new Uint8Array(MiB)].map((d) => [d, all] as const);
    // 16 MiB and more: the native encoder's sparse stream (the exact one only deflates it, as above).
    for (const [data, encoders] of [...cases, [sparse, [["zlib", "native"]]] as const])
      for (const [alg, enc] of encoders) {
        const sync = prepareOutputData(alg, data, enc);
        const off = await prepareOutputDataOffThread(alg, data, enc);
        expect(off.algorithm, `${alg} ${enc} ${data.length}`).toBe(sync.algorithm);
        expect(Buffer.from(off.data).equals(Buffer.from(sync.data)), `${alg} ${enc} ${data.length}`).toBe(true);
      }
  }, 60_000);
});
