import { describe, expect, it } from "vitest";
import { internalsOf } from "../cloud/testing.ts";
import { attachToInstance, expectCinderError, newCloud, readyVolume } from "./helpers/index.ts";

// volume/api.py:API._extend / API.retype and VolumeManager.extend_volume / retype (cinder 21.3.1).
describe("volume extend and retype", () => {
  it("extend: available → extending → available with the new size; data kept, device grown, gigabytes usage raised, traced", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const id = await readyVolume(cloud, ctx, 1);
    const before = cloud.devices.read(id, 0, 4096);
    const bytesPerGb = cloud.devices.sha256(id).size;
    await cloud.ops.volumes.extend(ctx, id, 3);
    expect(cloud.db.volume(id)).toMatchObject({ status: "extending", previous_status: "available", size: 1 });
    await cloud.settle();
    expect(cloud.db.volume(id)).toMatchObject({ status: "available", size: 3 });
    expect(cloud.devices.sha256(id).size).toBe(3 * bytesPerGb);
    expect(cloud.devices.read(id, 0, 4096)).toEqual(before);
    const q = await cloud.ops.quotas.show(cloud.context("admin"), ctx.projectId, true);
    expect(q["gigabytes"]).toMatchObject({ in_use: 3, reserved: 0 });
    expect(cloud.trace.entries().some((e) => e.what === `volume ${id} extended to 3 GB`)).toBe(true);
  });

  it("extend refuses a size not above the current one (400 InvalidInput) and, before 3.42, an in-use volume (400 InvalidVolume), changing nothing", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo", "3.41");
    const id = await readyVolume(cloud, ctx, 2);
    await expectCinderError(
      cloud.ops.volumes.extend(ctx, id, 2),
      400,
      "Invalid input received: New size for extend must be greater than current size. (current: 2, extended: 2).",
    );
    await attachToInstance(cloud, ctx, id);
    await expectCinderError(
      cloud.ops.volumes.extend(ctx, id, 3),
      400,
      `Invalid volume: Volume ${id} status must be '{'status': 'available'}' to extend, currently in-use.`,
    );
    expect(cloud.db.volume(id)).toMatchObject({ status: "in-use", size: 2 });
    // 3.42 (VOLUME_EXTEND_INUSE): an in-use volume extends attached and stays in-use.
    await cloud.ops.volumes.extend(cloud.context("demo", "3.42"), id, 3);
    await cloud.settle();
    expect(cloud.db.volume(id)).toMatchObject({ status: "in-use", size: 3 });
  });

  it("extend over the gigabytes quota: 413 naming the increase, the status stays available", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    await cloud.ops.quotas.update(cloud.context("admin"), ctx.projectId, { gigabytes: 4 });
    const id = await readyVolume(cloud, ctx, 2);
    const err = await expectCinderError(
      cloud.ops.volumes.extend(ctx, id, 5),
      413,
      "Requested volume or snapshot exceeds allowed gigabytes quota. Requested 3G, quota is 4G and 2G has been consumed.",
    );
    expect(err.headers).toEqual({ "Retry-After": "0" });
    await cloud.ops.quotas.update(cloud.context("admin"), ctx.projectId, { per_volume_gigabytes: 3 });
    await expectCinderError(cloud.ops.volumes.extend(ctx, id, 4), 413, "Requested volume size 4G is larger than maximum allowed limit 3G.");
    expect(cloud.db.volume(id)).toMatchObject({ status: "available", size: 2 });
  });

  it("retype: an unknown type is 404, the same type 400; between types of equal encryption the type changes in place", async () => {
    const cloud = await newCloud();
    const admin = cloud.context("admin");
    const ctx = cloud.context("demo");
    const id = await readyVolume(cloud, ctx, 1);
    await expectCinderError(cloud.ops.volumes.retype(ctx, id, "gold", null), 404, "Volume type with name gold could not be found.");
    await expectCinderError(
      cloud.ops.volumes.retype(ctx, id, "__DEFAULT__", null),
      400,
      /^Invalid volume: Retype needs volume to be in available or in-use state/,
    );
    const { state } = internalsOf(cloud);
    const plain = state.db.volumeTypes.filter((t) => t.name === "__DEFAULT__")[0]!;
    state.db.volumeTypes.insert({ ...plain, id: "5f0c4e7e-0000-4000-8000-000000000001", name: "silver", description: null });
    await cloud.ops.volumes.retype(ctx, id, "silver", "never");
    expect(cloud.db.volume(id)?.status).toBe("retyping");
    await cloud.settle();
    expect(cloud.db.volume(id)).toMatchObject({ status: "available", volume_type_id: "5f0c4e7e-0000-4000-8000-000000000001" });
    const q = await cloud.ops.quotas.show(admin, ctx.projectId, true);
    expect(q["volumes_silver"]).toMatchObject({ in_use: 1 });
    expect(q["volumes___DEFAULT__"]).toMatchObject({ in_use: 0 });
  });

  it("retype to a type of other encryption needs a migration: with policy never the volume returns to available, type and quota unchanged", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const id = await readyVolume(cloud, ctx, 1);
    const typeBefore = cloud.db.volume(id)?.volume_type_id;
    await cloud.ops.volumes.retype(ctx, id, "LUKS", "never");
    await cloud.settle();
    expect(cloud.db.volume(id)).toMatchObject({ status: "available", volume_type_id: typeBefore });
    const q = await cloud.ops.quotas.show(cloud.context("admin"), ctx.projectId, true);
    expect(q["volumes_LUKS"]).toMatchObject({ in_use: 0 });
    expect(q["volumes___DEFAULT__"]).toMatchObject({ in_use: 1 });
    expect(cloud.trace.entries().some((e) => e.kind === "error" && e.what.includes("Retype requires migration but is not allowed."))).toBe(
      true,
    );
  });
});
