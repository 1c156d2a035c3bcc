import { describe, expect, it } from "vitest";
import { isSized } from "../../../lib/format/index.ts";
import { MemoryObjectStore, type ObjectStore } from "../../../lib/stores/index.ts";
import { RecordingObjectStore } from "../../driver/recording-object-store.ts";
import { TraceRecorder } from "../../driver/trace-recorder.ts";
import { snapshotStore, storedSince } from "../protocol/stored-bytes.ts";
import { ScopedStore } from "./scoped-store.ts";
import { scopedBinding, startBackendFor } from "./scoped-binding.ts";

describe("scopedBinding: one scope (container or bucket) per rule in a shared account", () => {
  it("each store is its own scope, named for the run; the options point the driver at it; disposing empties only it", async () => {
    const account = new MemoryObjectStore();
    let closed = false;
    const b = scopedBinding({
      label: "test",
      runId: "r1",
      account,
      options: (scope) => ({ backup_swift_auth: "single_user", ...(scope ? { backup_swift_container: scope } : {}) }),
      close: async () => void (closed = true),
    });
    const one = await b.createStore(),
      two = await b.createStore();
    expect(b.optionsFor(one)).toEqual({ backup_swift_auth: "single_user", backup_swift_container: "cbh-r1-1" });
    expect(b.optionsFor(two)["backup_swift_container"]).toBe("cbh-r1-2");
    expect(b.optionsFor(new MemoryObjectStore())).toEqual({ backup_swift_auth: "single_user" });
    await account.ensureContainer("cbh-r1-1");
    await account.putObject("cbh-r1-1", "a", new Uint8Array([1]));
    await account.ensureContainer("cbh-r1-2");
    await account.putObject("cbh-r1-2", "b", new Uint8Array([2]));
    expect(await one.listContainers()).toEqual(["cbh-r1-1"]);
    await b.disposeStore(one);
    expect(await account.listObjects("cbh-r1-1")).toEqual([]);
    expect(await account.listObjects("cbh-r1-2")).toEqual(["b"]);
    await b.close();
    expect(closed).toBe(true);
  });

  it("a scope over a sized account is sized (HEAD): what a driver process stored is sized without reading it back", async () => {
    const account = new MemoryObjectStore();
    const scoped = new ScopedStore(account, "cbh-r1-1");
    expect(isSized(scoped)).toBe(true);
    // the harness's view: its recording store over the scope (ProtocolDriver's WrittenStore)
    const seen = new RecordingObjectStore(scoped, new TraceRecorder());
    expect(isSized(seen)).toBe(true);
    const before = await snapshotStore(seen);
    await account.ensureContainer("cbh-r1-1");
    await account.putObject("cbh-r1-1", "a", new Uint8Array(1000));
    let reads = 0;
    const getObject = account.getObject.bind(account);
    account.getObject = (c, n) => (reads++, getObject(c, n));
    expect(await storedSince(seen, before)).toEqual({ objects: 1, bytes: 1000 });
    expect(reads).toBe(0);
    // an account without a size lookup stays without one (sizes then come from reading)
    const unsized = { kind: "x", listContainers: () => account.listContainers() } as unknown as ObjectStore;
    expect(isSized(new ScopedStore(unsized, "s"))).toBe(false);
  });

  it("a backend that fails to start is a load error naming the driver and the backend", async () => {
    const e = await startBackendFor("python:acme.Tape", "the GCS emulator", () => Promise.reject(new Error("no such image"))).catch(
      (x: Error) => x,
    );
    expect(e).toMatchObject({ code: "CBH_DRIVER_LOAD", reason: "backend-failed" });
    expect((e as Error).message).toBe("backend-failed: driver python:acme.Tape: the GCS emulator failed to start: no such image");
  });
});
