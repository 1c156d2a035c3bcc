import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { inlineDigests, InlineBlockHasher, type BlockRange } from "./block-hasher.ts";
import { hashObject } from "./hash-object.ts";
import { readAhead } from "./read-ahead.ts";
import { WorkerBlockHasher } from "./worker-block-hasher.ts";
import { xorshiftBytes } from "../byte-patterns.ts";

const sha = (d: Uint8Array) => createHash("sha256").update(d).digest("hex");
const md5 = (d: Uint8Array) => createHash("md5").update(d).digest("hex");
const blocksOf = (len: number, bs: number): BlockRange[] =>
  Array.from({ length: Math.ceil(len / bs) }, (_, i) => ({ offset: i * bs, length: Math.min(bs, len - i * bs) }));

describe("readAhead", () => {
  it("yields items in order, reads at most one ahead, and keeps going after a failed read", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const read = async (n: number) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, (5 - n) * 2)); // later items finish first
      inFlight--;
      if (n === 2) throw new Error("store fell over on 2");
      return new Uint8Array([n]);
    };
    const seen: string[] = [];
    for await (const f of readAhead([0, 1, 2, 3, 4], read, () => 1, 10))
      seen.push(f.ok ? `${f.item}:${f.data[0]}` : `${f.item}:${(f.error as Error).message}`);
    expect(seen).toEqual(["0:0", "1:1", "2:store fell over on 2", "3:3", "4:4"]);
    expect(maxInFlight).toBe(2);
  });

  it("does not read ahead an item larger than the budget (backpressure)", async () => {
    const started: number[] = [];
    const read = async (n: number) => {
      started.push(n);
      return new Uint8Array(n);
    };
    const order: string[] = [];
    for await (const f of readAhead([1, 100, 2], read, (n) => n, 50)) order.push(`got ${f.item} after starting [${started.join(",")}]`);
    // 100 is not read while 1 is worked on; 2 (small) is read while 100 is.
    expect(order).toEqual(["got 1 after starting [1]", "got 100 after starting [1,100,2]", "got 2 after starting [1,100,2]"]);
  });
});

describe("hashObject", () => {
  const data = xorshiftBytes(3 * 1024 * 1024 + 12345, 7);
  const all = blocksOf(data.length, 32768);

  it("gives md5 of the whole object and the sha256 of every requested block, in order, inline and in a worker", async () => {
    const want = all.map((b) => sha(data.subarray(b.offset, b.offset + b.length)));
    const inline = await hashObject(data, all, new InlineBlockHasher(), 1 << 20);
    expect(inline).toEqual({ md5: md5(data), shas: want });
    const worker = new WorkerBlockHasher({ slotBytes: 1 << 20, depth: 2 });
    try {
      expect(await hashObject(data, all, worker, 1 << 20)).toEqual({ md5: md5(data), shas: want });
      expect(worker.crashed).toBeNull();
    } finally {
      await worker.close();
    }
  });

  it("hashes only the owned blocks (gaps still count for md5)", async () => {
    const some = [all[1], all[5], all[6], all.at(-1)] as BlockRange[];
    const got = await hashObject(data, some, new InlineBlockHasher(), 65536);
    expect(got.md5).toBe(md5(data));
    expect(got.shas).toEqual(some.map((b) => sha(data.subarray(b.offset, b.offset + b.length))));
  });

  it("a worker that crashes mid-stream: pending and later pieces are hashed inline, same digests", async () => {
    const crashing = `
      const { parentPort } = require("node:worker_threads");
      let n = 0;
      parentPort.on("message", (job) => {
        if (++n === 2) process.exit(3);
        const { createHash } = require("node:crypto");
        const v = new Uint8Array(job.sab, job.base, job.length);
        const digests = [];
        for (let i = 0; i < job.blocks.length; i += 2) digests.push(createHash("sha256").update(v.subarray(job.blocks[i], job.blocks[i] + job.blocks[i + 1])).digest("hex"));
        parentPort.postMessage({ id: job.id, digests });
      });`;
    const worker = new WorkerBlockHasher({ slotBytes: 256 * 1024, depth: 2, source: crashing });
    try {
      const got = await hashObject(data, all, worker, 256 * 1024);
      expect(got.shas).toEqual(inlineDigests(data, all));
      expect(got.md5).toBe(md5(data));
      expect(worker.crashed?.message).toMatch(/exited with code 3/);
    } finally {
      await worker.close();
    }
  });

  it("a worker that throws is the same as one that crashes", async () => {
    const worker = new WorkerBlockHasher({
      slotBytes: 256 * 1024,
      depth: 3,
      source: `require("node:worker_threads").parentPort.on("message", () => { throw new Error("boom"); });`,
    });
    try {
      expect((await hashObject(data, all, worker, 256 * 1024)).shas).toEqual(inlineDigests(data, all));
      expect(worker.crashed?.message).toMatch(/boom/);
    } finally {
      await worker.close();
    }
  });

  it("backpressure: no more pieces in flight than the worker's slots", async () => {
    const worker = new WorkerBlockHasher({ slotBytes: 64 * 1024, depth: 2 });
    let inFlight = 0;
    let max = 0;
    const counting = {
      depth: worker.depth,
      close: () => worker.close(),
      submit: async (piece: Uint8Array, blocks: readonly BlockRange[]) => {
        const s = await worker.submit(piece, blocks);
        max = Math.max(max, ++inFlight);
        return { digests: s.digests.finally(() => inFlight--) };
      },
    };
    try {
      expect((await hashObject(data, all, counting, 64 * 1024)).shas).toEqual(inlineDigests(data, all));
      expect(max).toBeLessThanOrEqual(2);
    } finally {
      await worker.close();
    }
  });
});
