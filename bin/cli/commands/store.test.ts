import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PosixObjectStore } from "../../../lib/stores/posix/posix-object-store.ts";
import { ChunkedBackupDriver, MemoryDriverContext, backupRow } from "../../../sim/drivers/index.ts";
import { MemoryVolumeFile, fixturePattern } from "../../../lib/format/index.ts";
import type { BackupRow } from "../../../sim/db/rows.ts";

const CBH = fileURLToPath(new URL("../../cbh.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "cbh-store-cli-"));
const root = join(dir, "backup");
const VOL = "7b1f0a6e-0000-4000-8000-000000000001";
const FULL = "3c1e0b2a-0000-4000-8000-00000000000f";
const INCR = "3c1e0b2a-0000-4000-8000-00000000001a";
let full: BackupRow;
let data2: Uint8Array;

function cbh(...args: string[]) {
  const r = spawnSync(process.execPath, [CBH, "store", ...args], {
    encoding: "utf8",
    env: { ...process.env, CBH_STORE_KEY: "hidden-secret" },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  const store = new PosixObjectStore({ root });
  const driver = new ChunkedBackupDriver({
    layout: "posix",
    store,
    config: { backup_file_size: 64 * 1024, backup_sha_block_size_bytes: 4096 },
  });
  const ctx = new MemoryDriverContext();
  const data = fixturePattern(200 * 1024);
  full = ctx.put(backupRow({ id: FULL, volume_id: VOL }));
  Object.assign(full, await driver.backup(full, new MemoryVolumeFile(data.slice()), ctx), { status: "available" });
  data2 = data.slice();
  data2.fill(9, 70 * 1024, 80 * 1024);
  const incr = ctx.put(backupRow({ id: INCR, volume_id: VOL, parent_id: FULL }));
  ctx.advance(1000);
  Object.assign(incr, await driver.backup(incr, new MemoryVolumeFile(data2.slice()), ctx));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("cbh store (end to end on a posix directory)", { timeout: 180_000 }, () => {
  it("ls --json lists both backups with parent, size and object count", () => {
    const r = cbh("ls", "--store", `posix:${root}`, "--json");
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as Array<Record<string, unknown>>;
    const byId = Object.fromEntries(rows.map((x) => [x["id"], x]));
    expect(byId[FULL]).toMatchObject({ volume_id: VOL, parent_id: null, size_bytes: 200 * 1024, object_count: 4 });
    expect(byId[INCR]).toMatchObject({ parent_id: FULL, size_bytes: 200 * 1024, object_count: 1 });
    expect(cbh("ls", "--store", `posix:${root}`).out).toMatch(/^ID\s+VOLUME\s+PARENT\s+SIZE\s+CREATED\s+OBJECTS/);
  });

  it("verify exits 0 on a valid store and restore rebuilds the incremental's image", () => {
    expect(cbh("verify", "--store", `posix:${root}`).code).toBe(0);
    const out = join(dir, "restored.img");
    const r = cbh("restore", "--store", `posix:${root}`, "--backup", INCR, "--out", out);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(Buffer.from(readFileSync(out)).equals(Buffer.from(data2))).toBe(true);
    expect(cbh("restore", "--store", `posix:${root}`, "--backup", INCR, "--out", out).code).toBe(1); // exists
  });

  it("verify reports damage with codes and backup ids; restore refuses unless --force", () => {
    const store = new PosixObjectStore({ root });
    const name = `${full.service_metadata}-00002`;
    const path = join(root, full.container as string, name);
    const original = readFileSync(path);
    const damaged = Buffer.from(original);
    damaged[100] = (damaged[100] as number) ^ 0xff;
    return store.putObject(full.container as string, name, damaged).then(async () => {
      const r = cbh("verify", "--store", `posix:${root}`, "--json");
      expect(r.code).toBe(1);
      const report = JSON.parse(r.out) as { valid: boolean; problems: Array<{ code: string; backup_id: string }> };
      expect(report.valid).toBe(false);
      // the object is zlib-compressed: a flipped byte breaks the stream (adler32), so it cannot be inflated
      expect(report.problems.map((p) => `${p.code}:${p.backup_id}`)).toEqual([`bad-object:${FULL}`]);
      expect(cbh("verify", "--store", `posix:${root}`, "--backup", INCR).code).toBe(1);
      const out = join(dir, "forced.img");
      expect(cbh("restore", "--store", `posix:${root}`, "--backup", INCR, "--out", out).code).toBe(1);
      expect(existsSync(out)).toBe(false);
      const forced = cbh("restore", "--store", `posix:${root}`, "--backup", INCR, "--out", out, "--force");
      expect(forced.code).toBe(1);
      expect(forced.err).toMatch(/skipped .*-00002 of 3c1e0b2a-0000-4000-8000-00000000000f \[65536, 131072\)/);
      const img = readFileSync(out);
      expect(img.subarray(0, 65536).equals(Buffer.from(data2.subarray(0, 65536)))).toBe(true);
      expect(img.subarray(70 * 1024, 80 * 1024).every((b) => b === 9)).toBe(true); // the incremental still applied
      await store.putObject(full.container as string, name, original);
      expect(r.out + r.err).not.toContain("hidden-secret");
    });
  });

  it("usage errors exit 2", () => {
    expect(cbh("ls").code).toBe(2);
    expect(cbh("frobnicate", "--store", "memory:").code).toBe(2);
    const bad = cbh("ls", "--store", "ftp://x");
    expect(bad).toMatchObject({ code: 2, err: expect.stringContaining("[bad-store-url]") });
    expect(cbh("restore", "--store", "memory:").code).toBe(2); // no --backup/--out
  });

  it("rbd:POOL goes to the Ceph layout, which needs a way to the cluster (exit 2, no stack trace)", () => {
    const r = spawnSync(process.execPath, [CBH, "store", "ls", "--store", "rbd:backups"], {
      encoding: "utf8",
      env: { PATH: process.env["PATH"] },
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\[ceph-access\] rbd: stores need the cluster: --ceph-container/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
