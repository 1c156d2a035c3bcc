import { describe, expect, it } from "vitest";
import { CloudBuilder } from "./index.ts";

// The fault and virtual-time hooks a chaos runner drives the model with (SimulatedCloud.faults, runUntil).
describe("SimulatedCloud fault hooks", () => {
  it("lists services, crashes one and launches it again as its own process", async () => {
    const cloud = await new CloudBuilder().withSeed(1).build();
    const states = cloud.faults.serviceStates();
    expect(states.map((s) => `${s.binary}@${s.host}`)).toContain("cinder-backup@site1");
    expect(states.every((s) => s.running)).toBe(true);
    cloud.faults.stopService("cinder-backup", "site1");
    expect(cloud.faults.serviceStates().find((s) => s.host === "site1" && s.binary === "cinder-backup")!.running).toBe(false);
    cloud.faults.launchService("cinder-backup", "site1");
    await cloud.settle();
    expect(cloud.faults.serviceStates().find((s) => s.host === "site1" && s.binary === "cinder-backup")!.running).toBe(true);
    expect(() => cloud.faults.launchService("cinder-backup", "nowhere")).toThrow("no cinder-backup on host nowhere");
  });

  it("intercepts bus messages until the undo, and runs events at a virtual time", async () => {
    const cloud = await new CloudBuilder().withSeed(1).build();
    const ctx = cloud.context("demo");
    const v = await cloud.ops.volumes.create(ctx, { size: 1 });
    await cloud.settle();
    const dropped: string[] = [];
    const undo = cloud.faults.intercept((m) => {
      if (m.method !== "create_backup") return undefined;
      dropped.push(m.topic);
      return { action: "drop", reason: "test" };
    });
    const b = await cloud.ops.backups.create(ctx, { volume_id: v.id });
    await cloud.settle();
    expect(dropped).toEqual(["cinder-scheduler"]);
    expect(cloud.db.backup(b.id)!.status).toBe("creating");
    undo();
    const t0 = cloud.now();
    let firedAt = -1;
    cloud.faults.at(2500, "test event", () => {
      firedAt = cloud.now();
    });
    await cloud.settle();
    expect(firedAt).toBe(t0 + 2500);
  });

  it("runUntil stops when the predicate holds; devices tell where they are attached", async () => {
    const cloud = await new CloudBuilder().withSeed(1).build();
    const ctx = cloud.context("demo");
    const v = await cloud.ops.volumes.create(ctx, { size: 1 });
    await cloud.settle();
    expect(cloud.devices.attachedTo(v.id)).toBeNull();
    expect(cloud.devices.attachedTo("no-such-volume")).toBeNull();
    await cloud.ops.backups.create(ctx, { volume_id: v.id });
    await cloud.runUntil(() => cloud.devices.attachedTo(v.id) !== null);
    expect(cloud.inspect.pendingWork()).toBeGreaterThan(0);
    const host = cloud.devices.attachedTo(v.id)!;
    expect(cloud.devices.attachedToHost(host)).toContain(v.id);
    await cloud.settle();
    expect(cloud.devices.attachedTo(v.id)).toBeNull();
    expect(cloud.devices.attachedToHost(host)).toEqual([]);
  });
});
