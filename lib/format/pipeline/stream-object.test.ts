import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { xorshiftBytes } from "../byte-patterns.ts";
import { zeroBlockSha } from "../hashing.ts";
import type { ObjectReader } from "../object-reader.ts";
import { inlineDigests, type BlockRange } from "./block-hasher.ts";
import { streamObject } from "./stream-object.ts";
import { WorkerBlockHasher } from "./worker-block-hasher.ts";

const md5 = (d: Uint8Array) => createHash("md5").update(d).digest("hex");
const BS = 4096;
const SLOT = 16 * BS;
const blocksOf = (len: number): BlockRange[] =>
  Array.from({ length: Math.ceil(len / BS) }, (_, i) => ({ offset: i * BS, length: Math.min(BS, len - i * BS) }));

/** A reader over `data` that answers in uneven short reads (as a file read may), failing at `failAt` if given. */
function reader(data: Uint8Array, size = data.length, failAt = -1): ObjectReader & { closed: boolean } {
  let calls = 0;
  return {
    size,
    closed: false,
    async read(into, position) {
      if (failAt >= 0 && position >= failAt) throw Object.assign(new Error("EIO"), { code: "EIO" });
      const n = Math.max(0, Math.min(into.length, data.length - position, 5000 + 777 * (calls++ % 7)));
      into.set(data.subarray(position, position + n));
      return n;
    },
    async close() {
      this.closed = true;
    },
  };
}

/** Every slot is free again: takeSlot resolves `depth` times without waiting. */
async function allSlotsFree(h: WorkerBlockHasher): Promise<boolean> {
  const taken = await Promise.race([
    Promise.all(Array.from({ length: h.depth }, () => h.takeSlot())),
    new Promise<null>((r) => setTimeout(() => r(null), 200)),
  ]);
  if (!taken) return false;
  for (const s of taken) h.releaseSlot(s);
  return true;
}

describe("streamObject (a large object read in pieces into the hasher's slots)", () => {
  const data = xorshiftBytes(40 * BS + 123, 7);
  data.fill(0, 16 * BS, 32 * BS); // a whole all-zero piece (not sent to the worker) in the middle
  const blocks = blocksOf(data.length);

  it("gives the whole object's md5 and block digests, and hands the sink every byte at its place", async () => {
    const h = new WorkerBlockHasher({ slotBytes: SLOT, depth: 3 });
    try {
      const out = new Uint8Array(data.length);
      const d = await streamObject(reader(data), data.length, blocks, h, SLOT, async (at, piece) => out.set(piece, at));
      expect(d).toEqual({ md5: md5(data), shas: inlineDigests(data, blocks), length: data.length });
      expect(Buffer.from(out).equals(data)).toBe(true);
      expect(await allSlotsFree(h)).toBe(true);
    } finally {
      await h.close();
    }
  });

  it("only the blocks asked for, in the order given", async () => {
    const h = new WorkerBlockHasher({ slotBytes: SLOT, depth: 2 });
    try {
      const some = blocks.filter((_, i) => i % 3 === 1);
      const d = await streamObject(reader(data), data.length, some, h, SLOT);
      expect(d.shas).toEqual(inlineDigests(data, some));
    } finally {
      await h.close();
    }
  });

  it("an object shorter than its length: md5 of what is there, blocks past the end zero-padded (as checkChainImage pads)", async () => {
    const h = new WorkerBlockHasher({ slotBytes: SLOT, depth: 3 });
    try {
      const short = data.subarray(0, 20 * BS + 100);
      const d = await streamObject(reader(short, data.length), data.length, blocks, h, SLOT);
      const padded = new Uint8Array(data.length);
      padded.set(short);
      expect(d.length).toBe(short.length);
      expect(d.md5).toBe(md5(short));
      expect(d.shas).toEqual(inlineDigests(padded, blocks));
      expect(d.shas.at(-1)).toBe(zeroBlockSha(blocks.at(-1)!.length));
      expect(await allSlotsFree(h)).toBe(true);
    } finally {
      await h.close();
    }
  });

  it("a read that fails rejects, and every slot is given back", async () => {
    const h = new WorkerBlockHasher({ slotBytes: SLOT, depth: 3 });
    try {
      await expect(streamObject(reader(data, data.length, 20 * BS), data.length, blocks, h, SLOT)).rejects.toMatchObject({ code: "EIO" });
      expect(await allSlotsFree(h)).toBe(true);
    } finally {
      await h.close();
    }
  });

  it("a sink write that fails rejects, and every slot is given back", async () => {
    const h = new WorkerBlockHasher({ slotBytes: SLOT, depth: 3 });
    try {
      const sink = async (at: number) => {
        if (at === SLOT) throw Object.assign(new Error("ENOSPC"), { code: "ENOSPC" });
      };
      await expect(streamObject(reader(data), data.length, blocks, h, SLOT, sink)).rejects.toMatchObject({ code: "ENOSPC" });
      expect(await allSlotsFree(h)).toBe(true);
    } finally {
      await h.close();
    }
  });

  it("a worker that crashes mid-object: its pieces are hashed inline from the slots, same digests", async () => {
    const crashing = `
      const { parentPort } = require("node:worker_threads");
      let n = 0;
      parentPort.on("message", () => { if (++n === 2) process.exit(3); });`;
    const h = new WorkerBlockHasher({ slotBytes: SLOT, depth: 3, source: crashing });
    try {
      const d = await streamObject(reader(data), data.length, blocks, h, SLOT);
      expect(d.shas).toEqual(inlineDigests(data, blocks));
      expect(d.md5).toBe(md5(data));
      expect(h.crashed?.message).toMatch(/exited with code 3/);
    } finally {
      await h.close();
    }
  });
});
