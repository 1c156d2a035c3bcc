import { describe, expect, it } from "vitest";
import { CloudBuilder } from "./index.ts";

describe("simulated cloud smoke", () => {
  it("backs up and restores a volume byte-exact", async () => {
    const cloud = await new CloudBuilder().withSeed(1).build();
    const ctx = cloud.context("demo");
    const vol = await cloud.ops.volumes.create(ctx, { size: 1, name: "v1" });
    await cloud.settle();
    expect(cloud.db.volume(vol.id)!.status).toBe("available");
    cloud.devices.fill(vol.id, "random");
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol.id, name: "b1" });
    expect(b.status).toBe("creating");
    expect(cloud.db.volume(vol.id)!.status).toBe("backing-up");
    await cloud.settle();
    const done = cloud.db.backup(b.id)!;
    expect(done.status, done.fail_reason ?? "").toBe("available");
    expect(cloud.db.volume(vol.id)!.status).toBe("available");
    const r = await cloud.ops.backups.restore(ctx, b.id, {});
    await cloud.settle();
    expect(cloud.db.volume(r.volume_id)!.status).toBe("available");
    expect(cloud.devices.sha256(r.volume_id)).toEqual(cloud.devices.sha256(vol.id));
    expect(cloud.inspect.invariants()).toEqual([]);
  });
});
