import { describe, expect, it } from "vitest";
import { DriverHarness } from "./driver-harness.ts";
import { resolveDriver } from "./driver-registry.ts";
import { DriverLoadError, loadModuleDriver } from "./module-driver.ts";

const FIXTURE = "conformance/driver/test-fixtures/leaky-driver.ts";

describe("driver registry and module drivers", () => {
  it("loads a driver class by path#Export with its declared geometry and format", async () => {
    const dut = await resolveDriver(`${FIXTURE}#LeakyDriver`);
    expect(dut.id).toBe(`${FIXTURE}#LeakyDriver`);
    expect(dut.geometry).toEqual({ objectSize: 128 * 1024, blockSize: 32 * 1024 });
    expect(dut.format).toBe("chunked-object");
    expect(dut.label).toContain("example.LeakyDriver");
    const h = await DriverHarness.open(dut);
    const vol = h.volume(300 * 1024);
    const b = await h.backup(vol);
    await h.deleteBackup(b.id);
    expect((await h.objects()).length).toBe(5); // 3 data objects + _metadata + _sha256file leaked
  });

  it("loads a factory function export and defaults to the suite geometry and an opaque format", async () => {
    const dut = await loadModuleDriver(`${FIXTURE}#makeGoodDriver`);
    expect(dut.format).toBeNull();
    expect(dut.geometry.objectSize).toBe(256 * 1024);
  });

  it("--backend posix gives a module driver a fresh posix directory per rule, removed afterwards", async () => {
    const { existsSync } = await import("node:fs");
    const dut = await resolveDriver(`${FIXTURE}#makeGoodDriver`, "posix");
    const store = await dut.createStore();
    expect(store.kind).toBe("posix");
    const root = (store as unknown as { root: string }).root;
    expect(existsSync(root)).toBe(true);
    await dut.disposeStore!(store);
    expect(existsSync(root)).toBe(false);
  });

  it("explains what is wrong with a bad spec", async () => {
    await expect(loadModuleDriver(`${FIXTURE}#Nope`)).rejects.toThrow(/has no export 'Nope' \(exports: LeakyDriver, makeGoodDriver\)/);
    await expect(loadModuleDriver("conformance/driver/test-fixtures/missing.ts#X")).rejects.toBeInstanceOf(DriverLoadError);
    await expect(resolveDriver("tape")).rejects.toThrow(/unknown driver 'tape'/);
  });

  it("ref is the reference chunked driver over the memory store, declaring cinder's chunked capabilities", async () => {
    const ref = await resolveDriver("ref");
    expect(ref.capabilities).toMatchObject({ incremental: true, forceDelete: true, restoreCancel: true, exportImport: true });
    expect((await ref.createStore()).kind).toBe("memory");
  });
});

describe("ref-posix", () => {
  it("writes cinder's posix layout into a temporary directory and removes it afterwards", async () => {
    const { existsSync } = await import("node:fs");
    const dut = await resolveDriver("ref", "posix");
    expect(dut.id).toBe("ref-posix");
    expect(dut.format).toBe("chunked-posix");
    const h = await DriverHarness.open(dut);
    const b = await h.backup(h.volume(300 * 1024));
    expect(b.service_metadata).toMatch(/^volume_[0-9a-f-]{36}_\d{14}_backup_[0-9a-f-]{36}$/);
    expect(b.container).toBe(`${b.id.slice(0, 2)}/${b.id.slice(2, 4)}/${b.id}`);
    const root = (h.rawStore as unknown as { root: string }).root;
    expect(existsSync(root)).toBe(true);
    await h.close();
    expect(existsSync(root)).toBe(false);
  });
});

describe("store inspector", () => {
  it("finds each backup through its _metadata with the parent chain, and nothing once deleted", async () => {
    const h = await DriverHarness.open(await resolveDriver("ref"));
    const vol = h.volume(300 * 1024);
    const full = await h.backup(vol);
    vol.device.write(0, Uint8Array.from([1]));
    const inc = await h.backup(vol, { incremental: true });
    const seen = await h.inspect();
    expect(seen.backups.map((b) => [b.metadata?.backup_id, b.metadata?.parent_id]).sort()).toEqual(
      [
        [full.id, null],
        [inc.id, full.id],
      ].sort(),
    );
    expect(seen.objects.length).toBe(2 + 2 + 2 + 1); // full: 2 data objects, incremental: 1, each + _metadata + _sha256file
    await h.deleteBackup(inc.id);
    await h.deleteBackup(full.id);
    expect(await h.inspect()).toEqual({ objects: [], backups: [] });
  });
});
