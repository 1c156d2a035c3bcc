import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CephContainer, type StartedCephContainer } from "../../backends/index.ts";
import { DockerExecCephCli } from "./ceph-cli.ts";
import { backupBaseName, newBackupSnapName } from "../../format/rbd/rbd-names.ts";
import { RbdStore } from "./rbd-store.ts";

const MiB = 1024 * 1024;

async function sha256Of(out: { stream: Readable; done: Promise<void> }): Promise<{ hash: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of out.stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  await out.done;
  return { hash: hash.digest("hex"), bytes };
}

describe("RbdStore against one-node Ceph (rbd/rados via docker exec)", () => {
  let ceph: StartedCephContainer;
  let rbd: RbdStore;
  beforeAll(async () => {
    ceph = await new CephContainer()
      .withRgw(false)
      .withMgr(false)
      .withMemstoreBytes(1024 ** 3)
      .start();
    rbd = new RbdStore(new DockerExecCephCli(ceph.getId()));
  });
  afterAll(async () => {
    await ceph?.stop();
  });

  it("full + incremental backup by export-diff | import-diff, restore, and delete (spec §8 layout)", async () => {
    const volumeId = randomUUID();
    const [fullId, incrId] = [randomUUID(), randomUUID()];
    const source = `volume-${volumeId}`;
    const base = backupBaseName(volumeId, fullId);
    await rbd.createImage("volumes", source, 64 * MiB);
    await rbd.writeImage("volumes", source, 0, randomBytes(16 * MiB));

    // full backup: restore point on the source, new base image, whole diff into it
    const snap1 = newBackupSnapName(fullId, 1764138600.123456);
    await rbd.createSnapshot("volumes", source, snap1);
    await rbd.createImage("backups", base, 64 * MiB);
    const fullBytes = await rbd.transferDiff({ pool: "volumes", image: source, snapshot: snap1 }, { pool: "backups", image: base });
    expect(fullBytes).toBeGreaterThan(16 * MiB);
    await rbd.putBackupMetadata("backups", fullId, Buffer.from('{"version": 2}'));
    await expect(rbd.putBackupMetadata("backups", fullId, Buffer.from("{}"))).rejects.toMatchObject({
      code: "volume-metadata-backup-exists",
    });

    // incremental: 1 MiB changed at an unaligned offset; only that travels
    await rbd.writeImage("volumes", source, 10 * MiB + 1000, randomBytes(MiB));
    const snap2 = newBackupSnapName(incrId, 1764138700.5);
    await rbd.createSnapshot("volumes", source, snap2);
    const incrBytes = await rbd.transferDiff(
      { pool: "volumes", image: source, snapshot: snap2, fromSnapshot: snap1 },
      { pool: "backups", image: base },
    );
    expect(incrBytes).toBeGreaterThan(MiB);
    expect(incrBytes).toBeLessThan(2 * MiB + 4096);

    expect(await rbd.listBackupImages("backups")).toEqual([{ image: base, volumeId, backupId: fullId }]);
    expect((await rbd.listBackupSnapshots("backups", base)).map((s) => s.backupId)).toEqual([fullId, incrId]);
    expect((await rbd.listBackupSnapshots("backups", base))[0]).toMatchObject({ snapshot: snap1, timestamp: "1764138600.123456" });

    // both restore points on the base hold exactly the source's bytes at that time
    for (const snap of [snap1, snap2]) {
      const original = await sha256Of(rbd.exportImage("volumes", source, snap));
      expect(await sha256Of(rbd.exportImage("backups", base, snap))).toEqual(original);
    }

    // diff restore into a fresh volume (ceph.py:_restore_volume's diff path)
    const target = `volume-${randomUUID()}`;
    await rbd.createImage("volumes", target, 64 * MiB);
    await rbd.transferDiff({ pool: "backups", image: base, snapshot: snap2 }, { pool: "volumes", image: target });
    expect(await sha256Of(rbd.exportImage("volumes", target))).toEqual(await sha256Of(rbd.exportImage("volumes", source, snap2)));

    // delete the incremental, then the full: snapshots first, the base when none remain
    await rbd.removeSnapshot("backups", base, snap2);
    expect((await rbd.listBackupSnapshots("backups", base)).map((s) => s.backupId)).toEqual([fullId]);
    await rbd.removeSnapshot("backups", base, snap1);
    await rbd.removeImage("backups", base);
    await rbd.deleteBackupMetadata("backups", fullId);
    await rbd.deleteBackupMetadata("backups", fullId); // remove_if_exists
    expect(await rbd.getBackupMetadata("backups", fullId)).toBeUndefined();
    expect(await rbd.listBackupImages("backups")).toEqual([]);
  });

  it("streams a 64 MiB export without buffering it and reads image info", async () => {
    const image = `volume-${randomUUID()}`;
    await rbd.createImage("volumes", image, 64 * MiB);
    const data = randomBytes(64 * MiB);
    await rbd.writeImage("volumes", image, 0, data);
    expect(await sha256Of(rbd.exportImage("volumes", image))).toEqual({
      hash: createHash("sha256").update(data).digest("hex"),
      bytes: 64 * MiB,
    });
    expect(await rbd.imageInfo("volumes", image)).toMatchObject({
      size: 64 * MiB,
      features: expect.arrayContaining(["layering", "fast-diff"]),
    });
    await rbd.removeImage("volumes", image);
  });

  it("reports a missing image, a missing parent snapshot and hostile names with stable codes", async () => {
    await expect(rbd.imageInfo("volumes", "volume-missing")).rejects.toMatchObject({ code: "rbd-image-not-found" });
    await expect(rbd.removeSnapshot("volumes", "volume-missing", "backup.x.snap.1")).rejects.toMatchObject({ code: "rbd-image-not-found" });
    const image = `volume-${randomUUID()}`;
    await rbd.createImage("volumes", image, 4 * MiB);
    await rbd.createSnapshot("volumes", image, "backup.b.snap.2");
    await expect(rbd.removeSnapshot("volumes", image, "backup.zz.snap.9")).rejects.toMatchObject({
      code: "rbd-snapshot-not-found",
      snapshot: "backup.zz.snap.9",
    });
    const diff = rbd.exportDiff("volumes", image, "backup.b.snap.2", "backup.a.snap.1");
    diff.stream.resume();
    await expect(diff.done).rejects.toMatchObject({ code: "ceph-command-failed" });
    expect(() => rbd.exportImage("volumes", "--pool=other")).toThrow(expect.objectContaining({ code: "invalid-store-name" }));
    await expect(rbd.listImages("volumes/../x")).rejects.toMatchObject({ code: "invalid-store-name" });
    await expect(rbd.createImage("volumes", "x", 0)).rejects.toBeInstanceOf(RangeError);
    expect(await rbd.getBackupMetadata("backups", "never-written")).toBeUndefined();
  });
});
