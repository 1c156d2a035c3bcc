import { mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ChunkedBackupDriver, MemoryDriverContext, backupRow } from "../../../sim/drivers/index.ts";
import { MemoryVolumeFile, xorshiftBytes } from "../../format/index.ts";
import { objectStoreContract } from "../testing/object-store-contract.ts";
import { PosixObjectStore } from "./posix-object-store.ts";

const base = mkdtempSync(join(tmpdir(), "cbh-posix-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;
const fresh = () => new PosixObjectStore({ root: join(base, `s${n++}`) });

describe("PosixObjectStore: ObjectStore contract", () => {
  const store = fresh();
  objectStoreContract(() => store, { largeObjectBytes: 3 * 1024 * 1024 + 1 });
});

describe("PosixObjectStore: cinder layout", () => {
  it("posix driver writes <id[0:2]>/<id[2:4]>/<id>/volume_..., dir 0770, files 0660; delete leaves the dirs", async () => {
    const store = fresh();
    const driver = new ChunkedBackupDriver({
      layout: "posix",
      store,
      config: { backup_file_size: 64 * 1024, backup_sha_block_size_bytes: 4096 },
    });
    const ctx = new MemoryDriverContext();
    const row = ctx.put(backupRow({ id: "3c1e0b2a-0000-4000-8000-000000000002", volume_id: "7b1f0a6e-0000-4000-8000-000000000001" }));
    const data = xorshiftBytes(150 * 1024, 8);
    Object.assign(row, await driver.backup(row, new MemoryVolumeFile(data.slice()), ctx));
    const dir = join(store.root, "3c", "1e", row.id);
    expect(statSync(dir).mode & 0o777).toBe(0o770);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(
      [1, 2, 3]
        .map((i) => `${row.service_metadata}-0000${i}`)
        .concat([`${row.service_metadata}_metadata`, `${row.service_metadata}_sha256file`]),
    );
    for (const f of files) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o660);
    row.status = "restoring";
    const target = new MemoryVolumeFile(data.length);
    await driver.restore(row, "t", target, true, ctx);
    expect(Buffer.from(target.bytes).equals(Buffer.from(data))).toBe(true);
    await driver.deleteBackup(row, ctx);
    expect(readdirSync(dir)).toEqual([]);
    expect(await store.listContainers()).toEqual(["3c"]);
  });
});

describe("PosixObjectStore: never escapes the root", () => {
  it("refuses '..', absolute and empty-segment names", async () => {
    const store = fresh();
    for (const bad of ["../x", "a/../../x", "/etc/passwd", "a//b", ".", "a/./b"]) {
      await expect(store.putObject("c", bad, new Uint8Array(1))).rejects.toMatchObject({ code: "invalid-store-name" });
      await expect(store.getObject("c", bad)).rejects.toMatchObject({ code: "invalid-store-name" });
      await expect(store.putObject(bad, "x", new Uint8Array(1))).rejects.toMatchObject({ code: "invalid-store-name" });
    }
    expect(existsSync(join(base, "x"))).toBe(false);
  });

  it("refuses symlinked directories and files that point outside the root", async () => {
    const store = fresh();
    await store.ensureContainer("c");
    const outside = mkdtempSync(join(tmpdir(), "cbh-outside-"));
    writeFileSync(join(outside, "secret"), "s3cret");
    symlinkSync(outside, join(store.root, "c", "link"));
    symlinkSync(join(outside, "secret"), join(store.root, "c", "file-link"));
    symlinkSync(outside, join(store.root, "escape"));
    await expect(store.getObject("c", "link/secret")).rejects.toMatchObject({ code: "store-path-escape" });
    await expect(store.putObject("c", "link/new", new Uint8Array(1))).rejects.toMatchObject({ code: "store-path-escape" });
    await expect(store.putObject("escape", "new", new Uint8Array(1))).rejects.toMatchObject({ code: "store-path-escape" });
    await expect(store.getObject("c", "file-link")).rejects.toMatchObject({ code: "object-not-found" });
    await expect(store.putObject("c", "file-link", Buffer.from("overwrite"))).rejects.toThrow();
    expect(await store.listObjects("c")).toEqual([]);
    expect(await store.listContainers()).toEqual(["c"]);
    expect(readdirSync(outside)).toEqual(["secret"]);
    rmSync(outside, { recursive: true, force: true });
  });

  it("symlinks that stay inside the root are followed", async () => {
    const store = fresh();
    await store.putObject("real", "obj", Buffer.from("data"));
    mkdirSync(join(store.root, "other"));
    symlinkSync(join(store.root, "real"), join(store.root, "other", "alias"));
    expect(Buffer.from(await store.getObject("other", "alias/obj")).toString()).toBe("data");
  });

  it("refuses to read objects over maxObjectBytes", async () => {
    const store = new PosixObjectStore({ root: join(base, `s${n++}`), maxObjectBytes: 10 });
    await store.putObject("c", "big", new Uint8Array(11));
    await expect(store.getObject("c", "big")).rejects.toMatchObject({ code: "object-too-large" });
    expect(await store.objectSize("c", "big")).toBe(11);
  });
});
