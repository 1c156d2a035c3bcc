import { describe, expect, it } from "vitest";
import { backupRow, newCloud, readyVolume, settledBackup } from "./helpers/index.ts";
import { internalsOf } from "../cloud/testing.ts";

// Encrypted backups (spec §3.2 "Encrypted backups", §9.38): backup/manager.py:_start_backup clones the
// key; backup/driver.py:_restore_vol_encryption_meta only accepts the source's volume type.
describe("encrypted backup restore (spec §3.2, §9.38)", () => {
  it("§9.38 encrypted backup → new volume ends error_restoring (type mismatch), backup available", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const src = await readyVolume(cloud, ctx, 1, { type: "LUKS" });
    const b = await settledBackup(cloud, ctx, { volume_id: src });
    expect(b.encryption_key_id).not.toBeNull();
    expect(b.encryption_key_id).not.toBe(cloud.db.volume(src)!.encryption_key_id); // a clone (manager._start_backup)
    const r = await cloud.ops.backups.restore(ctx, b.id, {});
    await cloud.settle();
    expect(cloud.db.volume(r.volume_id)!.status).toBe("error_restoring");
    expect(backupRow(cloud, b.id).status).toBe("available");
  });

  it("§9.38 encrypted backup into a volume of the same encrypted type → available with a fresh key clone", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const src = await readyVolume(cloud, ctx, 1, { type: "LUKS" });
    const b = await settledBackup(cloud, ctx, { volume_id: src });
    const target = await readyVolume(cloud, ctx, 1, { type: "LUKS", fill: "zeros" });
    const oldKey = cloud.db.volume(target)!.encryption_key_id;
    await cloud.ops.backups.restore(ctx, b.id, { volume_id: target });
    await cloud.settle();
    const v = cloud.db.volume(target)!;
    expect(v.status).toBe("available");
    expect(v.encryption_key_id).not.toBeNull();
    expect([oldKey, b.encryption_key_id]).not.toContain(v.encryption_key_id);
    expect(internalsOf(cloud).state.keys.has(oldKey!)).toBe(false); // the volume's previous key is deleted
    expect(cloud.devices.sha256(target)).toEqual(cloud.devices.sha256(src));
  });

  it("§9.38 encrypted backup into a volume of another type → error_restoring", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const src = await readyVolume(cloud, ctx, 1, { type: "LUKS" });
    const b = await settledBackup(cloud, ctx, { volume_id: src });
    const target = await readyVolume(cloud, ctx, 1, { type: "__DEFAULT__" });
    await cloud.ops.backups.restore(ctx, b.id, { volume_id: target });
    await cloud.settle();
    expect(cloud.db.volume(target)!.status).toBe("error_restoring");
    expect(backupRow(cloud, b.id).status).toBe("available");
  });
});
