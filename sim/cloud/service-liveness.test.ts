import { describe, expect, it } from "vitest";
import { CloudBuilder } from "./index.ts";

describe("service liveness (objects.Service.is_up)", () => {
  it("a host cut from the database goes down after service_down_time while it keeps running, and comes back when healed", async () => {
    const cloud = await new CloudBuilder().withSeed(3).build();
    const admin = cloud.context("admin");
    const state = async (host: string) =>
      (await cloud.ops.services.list(admin, { binary: "cinder-backup" })).find((s) => s.host === host)?.state;
    cloud.faults.cutFromDatabase("site2");
    await cloud.advance(30_000);
    expect(await state("site2")).toBe("up");
    await cloud.advance(40_000);
    expect(await state("site2")).toBe("down");
    expect(await state("site1")).toBe("up");
    // The restore path picks only up services: with site2 cut, restores of a NULL-AZ backup land on site1.
    cloud.faults.reconnectToDatabase("site2");
    expect(await state("site2")).toBe("up");
  });

  it("a stopped service is down once service_down_time has passed since its last report", async () => {
    const cloud = await new CloudBuilder().withSeed(3).build();
    const admin = cloud.context("admin");
    cloud.faults.stopService("cinder-backup", "site1");
    await cloud.advance(59_000);
    expect((await cloud.ops.services.list(admin, { host: "site1" })).find((s) => s.binary === "cinder-backup")?.state).toBe("up");
    await cloud.advance(2_000);
    expect((await cloud.ops.services.list(admin, { host: "site1" })).find((s) => s.binary === "cinder-backup")?.state).toBe("down");
  });
});
