import { describe, expect, it } from "vitest";
import { internalsOf } from "../cloud/testing.ts";
import { attachToInstance, newCloud, readyVolume } from "./helpers/index.ts";

// volume/manager.py:VolumeManager.retype → migrate_volume → _migrate_volume_generic →
// migrate_volume_completion, objects/volume.py:Volume.finish_volume_migration (cinder 21.3.1).
describe("retype across encryption with migration_policy=on-demand (a generic migration)", () => {
  it("unencrypted → LUKS: retyping while migrating (starting/migrating, a target:<id> temporary volume), then available with the new type, a new key, the same bytes, migration_status success", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const id = await readyVolume(cloud, ctx, 1);
    const sha = cloud.devices.sha256(id);
    const luks = internalsOf(cloud).state.db.volumeTypes.filter((t) => t.name === "LUKS")[0]!;
    await cloud.ops.volumes.retype(ctx, id, "LUKS", "on-demand");
    expect(cloud.db.volume(id)).toMatchObject({ status: "retyping", previous_status: "available" });
    await cloud.runUntil(() => cloud.db.volumes().some((v) => v.migration_status === `target:${id}`));
    const temp = cloud.db.volumes().find((v) => v.migration_status === `target:${id}`)!;
    expect(cloud.db.volume(id)).toMatchObject({ status: "retyping", migration_status: "migrating" });
    expect(temp).toMatchObject({ use_quota: false, volume_type_id: luks.id, status: "creating" });
    const newKey = temp.encryption_key_id; // rows are live: the swap rewrites them
    expect(newKey).not.toBeNull();
    await cloud.settle();
    const v = cloud.db.volume(id)!;
    expect(v).toMatchObject({
      status: "available",
      migration_status: "success",
      volume_type_id: luks.id,
      encryption_key_id: newKey,
    });
    expect(internalsOf(cloud).state.keys.has(v.encryption_key_id!)).toBe(true);
    expect(cloud.devices.sha256(id)).toEqual(sha);
    // The temporary row took the old fields and was deleted by the cast delete_volume.
    expect(cloud.db.volume(temp.id)).toMatchObject({
      deleted: true,
      display_description: `migration src for ${id}`,
      encryption_key_id: null,
    });
    const q = await cloud.ops.quotas.show(cloud.context("admin"), ctx.projectId, true);
    expect(q["volumes_LUKS"]).toMatchObject({ in_use: 1 });
    expect(q["volumes___DEFAULT__"]).toMatchObject({ in_use: 0 });
    expect(q["volumes"]).toMatchObject({ in_use: 1 });
    expect(q["gigabytes"]).toMatchObject({ in_use: 1 });
    expect(cloud.inspect.invariants()).toEqual([]);
  });

  it("LUKS → unencrypted: the volume ends without a key; its old key stays in the key manager (the manager's delete of the migration source never deletes keys)", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const id = await readyVolume(cloud, ctx, 1, { type: "LUKS" });
    const oldKey = cloud.db.volume(id)!.encryption_key_id!;
    expect(oldKey).not.toBeNull();
    await cloud.ops.volumes.retype(ctx, id, "__DEFAULT__", "on-demand");
    await cloud.settle();
    expect(cloud.db.volume(id)).toMatchObject({ status: "available", migration_status: "success", encryption_key_id: null });
    expect(internalsOf(cloud).state.keys.has(oldKey)).toBe(true);
    const q = await cloud.ops.quotas.show(cloud.context("admin"), ctx.projectId, true);
    expect(q["volumes_LUKS"]).toMatchObject({ in_use: 0 });
    expect(q["volumes___DEFAULT__"]).toMatchObject({ in_use: 1 });
  });

  it("a volume with snapshots is refused by the manager: back to available, type, key and quota unchanged, no migration started", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const id = await readyVolume(cloud, ctx, 1);
    await cloud.ops.snapshots.create(ctx, { volume_id: id });
    await cloud.settle();
    const before = cloud.db.volume(id)!;
    await cloud.ops.volumes.retype(ctx, id, "LUKS", "on-demand");
    await cloud.settle();
    expect(cloud.db.volume(id)).toMatchObject({ status: "available", volume_type_id: before.volume_type_id, encryption_key_id: null });
    expect(cloud.db.volume(id)?.migration_status ?? null).toBeNull();
    expect(cloud.db.volumes().some((v) => v.migration_status?.startsWith("target:"))).toBe(false);
    const q = await cloud.ops.quotas.show(cloud.context("admin"), ctx.projectId, true);
    expect(q["volumes_LUKS"]).toMatchObject({ in_use: 0 });
    expect(cloud.trace.entries().some((e) => e.kind === "error" && e.what.includes("Volume must not have snapshots."))).toBe(true);
  });

  it("an attached volume (Nova's swap-volume is not simulated): migration_status error, back to in-use, type and quota unchanged", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const id = await readyVolume(cloud, ctx, 1);
    await attachToInstance(cloud, ctx, id);
    const typeBefore = cloud.db.volume(id)!.volume_type_id;
    await cloud.ops.volumes.retype(ctx, id, "LUKS", "on-demand");
    await cloud.settle();
    expect(cloud.db.volume(id)).toMatchObject({ status: "in-use", migration_status: "error", volume_type_id: typeBefore });
    const q = await cloud.ops.quotas.show(cloud.context("admin"), ctx.projectId, true);
    expect(q["volumes_LUKS"]).toMatchObject({ in_use: 0 });
    expect(q["volumes___DEFAULT__"]).toMatchObject({ in_use: 1 });
  });
});
