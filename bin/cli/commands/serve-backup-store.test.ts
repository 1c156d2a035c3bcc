import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../../lib/stores/index.ts";
import { BlockDevice } from "../../../sim/block/index.ts";
import { discoverBackups, indexBackups, resolveChain, restoreChain, verifyStore } from "../../../lib/format/index.ts";
import { startServe, type StartedServe } from "../../server/index.ts";
import { serveDeps } from "./serve.ts";

const quiet = { ...serveDeps, out: () => undefined, err: () => undefined };
let started: StartedServe | undefined;
let dir: string | undefined;
afterEach(async () => {
  await started?.server.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  started = dir = undefined;
});

describe("cbh serve --backup-store and --geometry (the real CLI wiring, no containers)", () => {
  it("a 1 GB volume is 1 GiB of sparse device by default", async () => {
    started = await startServe(["--port", "0"], quiet);
    const { cloud } = started;
    const v = await cloud.ops.volumes.create(cloud.context("demo"), { size: 1, name: null, availability_zone: null, volume_type: null });
    await cloud.settle();
    expect(cloud.devices.sha256(v.id).size).toBe(2 ** 30);
    cloud.devices.write(v.id, 0, new Uint8Array(3 * 2 ** 20).fill(1)); // the 3 MiB write
    expect(cloud.devices.read(v.id, 3 * 2 ** 20 - 1, 2)).toEqual(new Uint8Array([1, 0]));
  });

  it("posix:DIR: the served cloud's backups (full + incremental) land in DIR, verify, and restore byte-exact from DIR alone", async () => {
    dir = mkdtempSync(join(tmpdir(), "cbh-serve-store-"));
    started = await startServe(["--port", "0", "--geometry", "small", "--backup-store", `posix:${dir}`], quiet);
    const { cloud } = started;
    const ctx = cloud.context("demo");
    const v = await cloud.ops.volumes.create(ctx, { size: 2, name: null, availability_zone: null, volume_type: null });
    await cloud.settle();
    cloud.devices.fill(v.id, "text");
    const full = await cloud.ops.backups.create(ctx, {
      volume_id: v.id,
      name: "full",
      incremental: false,
      force: false,
      snapshot_id: null,
    });
    await cloud.settle();
    cloud.devices.write(v.id, 300_000, new Uint8Array(50_000).fill(9));
    const inc = await cloud.ops.backups.create(ctx, { volume_id: v.id, name: "inc", incremental: true, force: false, snapshot_id: null });
    await cloud.settle();
    expect(cloud.db.backup(inc.id)?.status).toBe("available");
    expect(cloud.db.backup(inc.id)?.parent_id).toBe(full.id);
    const want = cloud.devices.sha256(v.id);

    const store = await openStore(`posix:${dir}`); // what `cbh store` opens
    const report = await verifyStore(store);
    expect(report.problems).toEqual([]);
    expect(report.backups.map((b) => b.backupId).sort()).toEqual([full.id, inc.id].sort());
    const index = indexBackups(await discoverBackups(store));
    const chain = resolveChain(index, index.get(inc.id)!);
    expect(chain.links.length).toBe(2);
    const target = new BlockDevice("restored", want.size);
    await restoreChain(
      store,
      chain.links.map((l) => ({ location: l.location, metadata: l.metadata ?? undefined })),
      target.asVolumeFile(),
    );
    expect(target.sha256()).toBe(want.sha256);
  });

  it("refuses a store URL it cannot open with a usage error, before serving", async () => {
    await expect(startServe(["--port", "0", "--backup-store", "gcs+http://127.0.0.1:1/"], quiet)).rejects.toThrow(
      /--backup-store: .*project/,
    );
    // a store that opens but cannot be used: refused before the port is bound, not on the first backup
    dir = mkdtempSync(join(tmpdir(), "cbh-serve-store-"));
    writeFileSync(join(dir, "a-file"), "");
    await expect(startServe(["--port", "0", "--backup-store", `posix:${join(dir, "a-file", "backups")}`], quiet)).rejects.toMatchObject({
      code: "CBH_SERVE_USAGE",
      message: expect.stringMatching(/^--backup-store: the store cannot be used: .*ENOTDIR/),
    });
    await expect(startServe(["--port", "0", "--backup-store", "swift+http://cbh:key@127.0.0.1:1/auth/v1.0"], quiet)).rejects.toThrow(
      /^--backup-store: the store cannot be used: /,
    );
  });
});
