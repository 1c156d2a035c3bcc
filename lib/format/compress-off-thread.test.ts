import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { xorshiftBytes } from "./byte-patterns.ts";
import { prepareOutputData } from "./compression.ts";
import {
  deflatedLengthOffThread,
  deflateOffThreadIfSmaller,
  prepareOutputDataOffThread,
  startOutputDataOffThread,
} from "./compress-off-thread.ts";

const MiB = 1 << 20;
const text = (n: number) => new Uint8Array(Buffer.alloc(n, "cinder backup compressible text 0123456789\n"));

describe("compress-off-thread: node:zlib on the thread pool gives the synchronous bytes", () => {
  it("deflatedLengthOffThread is deflateSync's length; deflateOffThreadIfSmaller its bytes when shorter than the input, else null", async () => {
    const half = xorshiftBytes(4 * MiB, 7);
    half.set(text(2 * MiB), 0); // compresses to a little over 2 MiB: several 1 MiB pieces, still smaller
    const cases = [new Uint8Array(0), xorshiftBytes(100, 1), xorshiftBytes(3 * MiB + 5, 2), text(3 * MiB), new Uint8Array(3 * MiB), half];
    for (const data of cases) {
      const sync = deflateSync(data);
      expect(await deflatedLengthOffThread(data)).toBe(sync.length);
      // One output buffer (the default for these sizes), and 1 MiB pieces (gathered, or dropped once as long as the input).
      for (const pieceBytes of [undefined, MiB]) {
        const smaller = await deflateOffThreadIfSmaller(data, pieceBytes);
        if (sync.length >= data.length) expect(smaller).toBeNull();
        else expect(smaller !== null && Buffer.from(smaller).equals(sync)).toBe(true);
      }
    }
    expect(deflateSync(half).length).toBeGreaterThan(2 * MiB);
  });

  it("startOutputDataOffThread says likelyRaw only when asked, for zlib, and only when the first 256 KiB does not shrink", async () => {
    const random = xorshiftBytes(2 * MiB, 8);
    const randomHead = xorshiftBytes(2 * MiB, 9);
    randomHead.set(text(MiB + 512 * 1024), 512 * 1024); // the sample is random, the chunk compresses
    const likely = (alg: string, data: Uint8Array, enc: "exact" | "native", probe: boolean) =>
      startOutputDataOffThread(alg, data, enc, probe).likelyRaw;
    for (const enc of ["exact", "native"] as const) {
      expect(likely("zlib", random, enc, true)).toBe(true);
      expect(likely("zlib", randomHead, enc, true)).toBe(true);
      expect(likely("zlib", random, enc, false)).toBe(false);
      expect(likely("zlib", text(2 * MiB), enc, true)).toBe(false);
      expect(likely("none", random, enc, true)).toBe(false);
    }
    // A misjudged chunk still gets its compressed form.
    for (const enc of ["exact", "native"] as const) {
      const started = startOutputDataOffThread("zlib", randomHead, enc, true);
      const sync = prepareOutputData("zlib", randomHead, enc);
      const out = await started.output;
      expect(out.algorithm).toBe("zlib");
      expect(Buffer.from(out.data).equals(Buffer.from(sync.data))).toBe(true);
    }
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
