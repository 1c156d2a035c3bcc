import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as Zlib from "node:zlib";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { PosixObjectStore } from "../../stores/posix/posix-object-store.ts";
import { xorshiftBytes } from "../byte-patterns.ts";
import { ChunkedBackupWriter } from "../writer.ts";

const MiB = 1 << 20;

/** What the mocked node:zlib does: when a chunk's deflate ends (`events`), held until `hold` settles; `fail`: it fails. */
const zlibControl = vi.hoisted(() => ({ events: [] as string[], hold: null as Promise<void> | null, fail: false }));

// node:zlib as it is, except that the chunk deflate (the streamed one, and the one-shot `deflate`)
// ends only once `hold` settles, or fails when told to. deflateSync (the sample) is untouched.
vi.mock("node:zlib", async (importOriginal) => {
  const real = await importOriginal<typeof Zlib>();
  const { Duplex } = await import("node:stream");
  const ended = async (): Promise<void> => {
    if (zlibControl.hold) await zlibControl.hold;
    zlibControl.events.push("deflate end");
  };
  type Cb = (e: Error | null, out: Buffer) => void;
  type Options = Zlib.ZlibOptions;
  return {
    ...real,
    deflate: (buf: Uint8Array, opts: Options, cb: Cb) => {
      if (zlibControl.fail) return void setImmediate(() => cb(new Error("deflate failed"), Buffer.alloc(0)));
      real.deflate(buf, opts, (e, out) => void ended().then(() => cb(e, out)));
    },
    createDeflate: (opts: Options) => {
      const input: Buffer[] = [];
      const z = real.createDeflate(opts);
      const d = new Duplex({
        write(chunk: Buffer, _enc, cb) {
          input.push(chunk);
          cb();
        },
        final(cb) {
          if (zlibControl.fail) return cb(new Error("deflate failed"));
          z.end(Buffer.concat(input)); // one Z_FINISH call over all of it, as the real stream makes
          cb();
        },
        read() {},
      });
      z.on("data", (piece: Buffer) => d.push(piece));
      z.on("end", () => void ended().then(() => d.push(null)));
      z.on("error", (e) => d.destroy(e));
      return d;
    },
  };
});

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A posix store (it writes early) that notes when data object 1's writes start and counts them. */
class WatchedPosixStore extends PosixObjectStore {
  puts = 0;
  onPut: () => void = () => undefined;
  override async putObject(container: string, name: string, data: Uint8Array): Promise<void> {
    if (name.endsWith("-00001")) {
      this.puts++;
      zlibControl.events.push(`put ${data.length}`);
      this.onPut();
    }
    await super.putObject(container, name, data);
  }
}

function setup(encoder: "exact" | "native") {
  const root = mkdtempSync(join(tmpdir(), "cbh-whole-chunk-early-"));
  dirs.push(root);
  const store = new WatchedPosixStore({ root });
  const writer = new ChunkedBackupWriter({
    store,
    container: "c",
    prefix: "p",
    chunkSize: 2 * MiB,
    shaBlockSize: 32 * 1024,
    compression: "zlib",
    zlibEncoder: encoder,
    hashWorker: true,
    memo: false,
    header: { backup_id: "b", volume_id: "v", backup_name: null, backup_description: null, created_at: "2026-01-01 00:00:00+00:00" },
    parentId: null,
  });
  return { store, writer };
}

beforeEach(() => {
  zlibControl.events = [];
  zlibControl.hold = null;
  zlibControl.fail = false;
});

describe("storeWholeChunk writes an incompressible chunk while its deflate runs (store with earlyWrites)", () => {
  for (const encoder of ["exact", "native"] as const) {
    it(`the raw write starts before the deflate ends, and the object is the raw bytes (${encoder})`, async () => {
      const { store, writer } = setup(encoder);
      // The deflate may end only once the write has started (or after 2 s: then the order shows it did not).
      let open = (): void => undefined;
      zlibControl.hold = new Promise<void>((resolve) => {
        open = resolve;
        setTimeout(resolve, 2000);
      });
      store.onPut = () => open();
      const data = xorshiftBytes(2 * MiB, 5);
      await writer.writeChunk(0, data);
      const result = await writer.finish(null);
      expect(zlibControl.events).toEqual([`put ${2 * MiB}`, "deflate end"]);
      expect(result.objects[0]?.compression).toBe("none");
      expect(Buffer.from(await store.getObject("c", "p-00001")).equals(Buffer.from(data))).toBe(true);
    });

    it(`a deflate that fails after the early write began leaves no object (${encoder})`, async () => {
      const { store, writer } = setup(encoder);
      zlibControl.fail = true;
      await expect(writer.writeChunk(0, xorshiftBytes(2 * MiB, 6))).rejects.toThrow(/deflate failed/);
      expect(store.puts).toBe(1); // the early write happened...
      expect(await store.listObjects("c")).toEqual([]); // ...and was undone
    });
  }
});
