import { createHash } from "node:crypto";
import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cbhStore } from "../../fixtures/cinder-driver/cbh-store-cli.ts";
import { cinderMissingReason, runCinderBatch } from "../../fixtures/cinder-driver/cinder-tool.ts";
import { ADMIN, ClientSession } from "./testing/client-session.ts";
import { KiB, MiB, pattern } from "./testing/test-data.ts";

/**
 * `cbh serve --backup-store posix:DIR` at the default real geometry (a 1 GB volume is 1 GiB, posix
 * objects of 1999994880 bytes): Debian's real openstack/cinder clients make a full and an
 * incremental backup; then `cbh store verify|restore` and real cinder 21.3.1's PosixBackupDriver
 * (fixtures/cinder-driver/cinder_backup_tool.py) read DIR and restore the volume byte-exact.
 */
const GiB = 2 ** 30;
const work = mkdtempSync(join(tmpdir(), "cbh-serve-backup-store-"));
const dir = join(work, "backup");

function fileSha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash("sha256");
    createReadStream(path)
      .on("data", (d) => h.update(d))
      .on("error", reject)
      .on("end", () => resolve(h.digest("hex")));
  });
}

describe("cbh serve --backup-store posix:DIR through the real clients", () => {
  let s: ClientSession;
  const id: Record<string, string> = {};
  const want: Record<string, string> = {};
  const records: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    const missing = cinderMissingReason();
    if (missing) throw new Error(`real cinder is not available: ${missing}`);
    s = await ClientSession.start(["--seed", "5", "--backup-store", `posix:${dir}`]);
  });
  afterAll(async () => {
    expect(await s?.stop()).toBe(0);
    rmSync(work, { recursive: true, force: true });
  });

  it("a new 1 GB volume is 1 GiB; data lands past the first MiB", async () => {
    const vol = await s.osc<{ id: string; size: number }>(["volume", "create", "--size", "1", "vol1"]);
    id["vol"] = vol.id;
    await s.write(vol.id, 0, pattern(1, 256 * KiB));
    await s.write(vol.id, 3 * MiB, pattern(2, 3 * MiB)); // the 3 MiB write, past the old 1 MiB device
    await s.write(vol.id, 700 * MiB + 4096, pattern(3, 64 * KiB));
    const h = await s.sha256(vol.id);
    expect(h.size).toBe(GiB);
    want["full"] = h.sha256;
  });

  it("full then incremental backups with `openstack volume backup create` become available", async () => {
    const full = await s.osc<{ id: string }>(["volume", "backup", "create", "--name", "full", "vol1"]);
    id["full"] = full.id;
    expect((await s.osc<{ status: string }>(["volume", "backup", "show", full.id])).status).toBe("available");
    await s.write(id["vol"]!, 900 * MiB, pattern(4, 128 * KiB));
    await s.write(id["vol"]!, 0, pattern(5, 4 * KiB));
    want["inc"] = (await s.sha256(id["vol"]!)).sha256;
    const inc = await s.osc<{ id: string }>(["volume", "backup", "create", "--incremental", "--name", "inc", "vol1"]);
    id["inc"] = inc.id;
    const shown = await s.osc<{ status: string; is_incremental: boolean }>(["volume", "backup", "show", inc.id]);
    expect(shown).toMatchObject({ status: "available", is_incremental: true });
  });

  it("the backups are files in DIR: `cbh store ls` and `cbh store verify` read them", async () => {
    const ls = cbhStore(["ls", "--store", `posix:${dir}`, "--json"]);
    expect(ls.status, ls.stderr).toBe(0);
    const rows = JSON.parse(ls.stdout) as Array<{ id: string; parent_id: string | null; size_bytes: number | null }>;
    expect(rows.map((r) => r.id).sort()).toEqual([id["full"], id["inc"]].sort());
    expect(rows.find((r) => r.id === id["inc"])?.parent_id).toBe(id["full"]);
    const v = cbhStore(["verify", "--store", `posix:${dir}`, "--json"]);
    expect(v.status, v.stdout + v.stderr).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ valid: true, problems: [] });
  });

  it("`cbh store restore` rebuilds each backup's volume byte-exact from DIR alone", async () => {
    for (const k of ["full", "inc"]) {
      const out = join(work, `cbh-${k}.img`);
      const r = cbhStore(["restore", "--store", `posix:${dir}`, "--backup", id[k]!, "--out", out]);
      expect(r.status, r.stderr).toBe(0);
      expect(statSync(out).size).toBe(GiB);
      expect(await fileSha256(out)).toBe(want[k]);
      rmSync(out);
    }
  });

  it("real cinder's posix driver restores the incremental chain byte-exact from the exported records", async () => {
    for (const k of ["full", "inc"]) {
      const ex = await s.osc<{ backup_url: string; backup_service: string }>(["volume", "backup", "record", "export", id[k]!], ADMIN);
      expect(ex.backup_service).toBe("cinder.backup.drivers.posix.PosixBackupDriver");
      records.push(JSON.parse(Buffer.from(ex.backup_url, "base64").toString("utf8")) as Record<string, unknown>);
    }
    const out = join(work, "cinder-inc.img");
    const [restored] = runCinderBatch<{ backup_id: string; sha256: string }>([
      ["restore", "--driver", "posix", "--root", dir, "--record", JSON.stringify(records), "--backup-id", id["inc"]!, "--out", out],
    ]);
    expect(restored?.backup_id).toBe(id["inc"]);
    expect(restored?.sha256).toBe(want["inc"]);
  });
});
