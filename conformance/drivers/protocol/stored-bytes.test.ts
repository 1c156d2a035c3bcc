import { describe, expect, it } from "vitest";
import { MemoryObjectStore, type ObjectStore } from "../../../lib/stores/index.ts";
import { snapshotStore, storedSince } from "./stored-bytes.ts";

describe("storedSince: what a driver process stored since a snapshot", () => {
  it("counts every new object and its bytes, by size lookups where the store has them, by reading where not", async () => {
    const store = new MemoryObjectStore();
    await store.ensureContainer("c");
    await store.putObject("c", "old", new Uint8Array(7));
    const before = await snapshotStore(store);
    await store.ensureContainer("d");
    for (let i = 0; i < 19; i++) await store.putObject(i % 2 ? "c" : "d", `n${i}`, new Uint8Array(i + 1));
    let reads = 0;
    const read = store.getObject.bind(store);
    store.getObject = (c, o) => (reads++, read(c, o));
    expect(await storedSince(store, before)).toEqual({ objects: 19, bytes: (19 * 20) / 2 });
    expect(reads).toBe(0);
    const unsized = {
      kind: "memory",
      listContainers: () => store.listContainers(),
      listObjects: (c: string) => store.listObjects(c),
      getObject: (c: string, o: string) => store.getObject(c, o),
    } as unknown as ObjectStore;
    expect(await storedSince(unsized, before)).toEqual({ objects: 19, bytes: 190 });
    expect(reads).toBe(19);
  });
});
