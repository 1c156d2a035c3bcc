import { describe, expect, it } from "vitest";
import { ChunkedBackupDriver, MemoryDriverContext, backupRow } from "../../../sim/drivers/index.ts";
import { ByteArena, MemoryVolumeFile, xorshiftBytes } from "../../format/index.ts";
import { MemoryObjectStore } from "./memory-object-store.ts";
import { ObjectNotFoundError } from "../contract/object-store.ts";
import { TransientStoreError, type StoreOpInfo } from "./store-faults.ts";

describe("MemoryObjectStore", () => {
  it("copies data in and out, lists sorted by prefix, tolerates deleting absent objects", async () => {
    const s = new MemoryObjectStore();
    const buf = new Uint8Array([1, 2, 3]);
    await s.putObject("c", "p-00002", buf);
    await s.putObject("c", "p-00001", buf);
    await s.putObject("c", "q", buf);
    buf[0] = 9;
    const got = await s.getObject("c", "p-00001");
    expect([...got]).toEqual([1, 2, 3]);
    got[1] = 7;
    expect([...(await s.getObject("c", "p-00001"))]).toEqual([1, 2, 3]);
    expect(await s.listObjects("c", "p-")).toEqual(["p-00001", "p-00002"]);
    expect(await s.listObjects("absent")).toEqual([]);
    await s.deleteObject("c", "nope");
    await expect(s.getObject("c", "nope")).rejects.toBeInstanceOf(ObjectNotFoundError);
    expect(s.listAll().map((o) => `${o.container}/${o.name}:${o.size}`)).toEqual(["c/p-00001:3", "c/p-00002:3", "c/q:3"]);
    await s.ensureContainer("empty");
    for (const o of s.listAll()) await s.deleteObject(o.container, o.name);
    expect(s.isEmpty()).toBe(true);
    expect(await s.listContainers()).toEqual(["c", "empty"]);
  });

  it("lost objects and flipped bytes", async () => {
    const s = new MemoryObjectStore();
    await s.putObject("c", "o", new Uint8Array([0, 0, 0]));
    s.flipByte("c", "o", 1);
    s.flipByte("c", "o", 2, 0x01);
    expect([...(await s.getObject("c", "o"))]).toEqual([0, 0xff, 0x01]);
    expect(() => s.flipByte("c", "o", 3)).toThrow(RangeError);
    expect(s.loseObject("c", "o")).toBe(true);
    expect(s.loseObject("c", "o")).toBe(false);
  });

  it("transient errors on the Nth matching operation, `times` in a row, then clear", async () => {
    const s = new MemoryObjectStore();
    s.failOn({ op: "putObject", nth: 2, times: 2, message: "503 Service Unavailable" });
    await s.putObject("c", "a", new Uint8Array(1));
    await expect(s.putObject("c", "b", new Uint8Array(1))).rejects.toThrow(TransientStoreError);
    await expect(s.putObject("c", "b", new Uint8Array(1))).rejects.toThrow("503 Service Unavailable");
    await s.putObject("c", "b", new Uint8Array(1));
    expect(await s.listObjects("c")).toEqual(["a", "b"]);
    s.failOn({ op: "any", nth: 1, name: "x" });
    await s.getObject("c", "a");
    await expect(s.deleteObject("c", "x")).rejects.toMatchObject({ code: "store-transient", op: "deleteObject" });
  });

  it("awaits the operation hook before every operation (slowness, counting)", async () => {
    const seen: StoreOpInfo[] = [];
    const s = new MemoryObjectStore({
      onOperation: async (info) => {
        seen.push(info);
      },
    });
    await s.putObject("c", "a", new Uint8Array(4));
    await s.getObject("c", "a");
    await s.listObjects("c");
    expect(seen).toEqual([
      { op: "putObject", container: "c", name: "a", bytes: 4 },
      { op: "getObject", container: "c", name: "a", bytes: 4 },
      { op: "listObjects", container: "c" },
    ]);
    expect(s.operationCount).toBe(3);
  });

  it("a transient put failure during a backup fails it with the store's error and code", async () => {
    const store = new MemoryObjectStore();
    const driver = new ChunkedBackupDriver({
      layout: "object",
      store,
      config: { backup_swift_object_size: 65536, backup_swift_block_size: 4096 },
    });
    const ctx = new MemoryDriverContext();
    store.failOn({ op: "putObject", nth: 2 });
    const row = ctx.put(backupRow({ id: "t-1", volume_id: "v" }));
    const err = await driver.backup(row, new MemoryVolumeFile(xorshiftBytes(200000, 1)), ctx).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "store-transient", kind: "store-transient" });
    expect(store.listAll().map((o) => o.name.slice(-6))).toEqual(["-00001"]); // cinder leaves what was written
  });

  it("a flipped byte never changes a handed-over Buffer (whose own slice is a view)", async () => {
    const store = new MemoryObjectStore();
    const given = Buffer.from([1, 2, 3]);
    await store.putObjectHandedOver("c", "o", given);
    store.flipByte("c", "o", 0);
    expect([Array.from(given), Array.from(await store.getObject("c", "o"))]).toEqual([
      [1, 2, 3],
      [254, 2, 3],
    ]);
  });

  it("over a ByteArena: stored copies come from the arena, and so does a handed-over buffer it does not own", async () => {
    const arena = new ByteArena(1 << 16);
    arena.acquire();
    const store = new MemoryObjectStore({ bytes: arena });
    const own = arena.copy(Uint8Array.of(1, 2));
    const foreign = Uint8Array.of(3, 4);
    await store.putObjectHandedOver("c", "own", own);
    await store.putObjectHandedOver("c", "foreign", foreign);
    await store.putObject("c", "copied", Uint8Array.of(5));
    const shared = await Promise.all(["own", "foreign", "copied"].map((n) => store.getObjectShared("c", n)));
    expect(shared[0]).toBe(own);
    expect(shared.map((b) => arena.owns(b))).toEqual([true, true, true]);
    expect(shared.map((b) => Array.from(b))).toEqual([[1, 2], [3, 4], [5]]);
    arena.reset();
  });
});
