import { describe, expect, it } from "vitest";
import { CloudBuilder } from "./index.ts";
import { internalsOf } from "./testing.ts";

// The inspection facet (SimulatedCloud.inspect): what runners and checks read without the implementation.
describe("SimulatedCloud.inspect", () => {
  it("counts events and pending work: busy after a request, quiet after settle", async () => {
    const cloud = await new CloudBuilder().withSeed(3).build();
    const before = cloud.inspect.eventCount();
    expect(cloud.inspect.pendingWork()).toBe(0);
    await cloud.ops.volumes.create(cloud.context("demo"), { size: 1 });
    expect(cloud.inspect.pendingWork()).toBeGreaterThan(0);
    await cloud.settle();
    expect(cloud.inspect.pendingWork()).toBe(0);
    expect(cloud.inspect.eventCount()).toBeGreaterThan(before);
  });

  it("hands out named seed streams that leave the model's draws alone", async () => {
    const run = async (drawChaos: boolean) => {
      const cloud = await new CloudBuilder().withSeed(5).build();
      const draws = drawChaos ? [cloud.inspect.stream("chaos").int(0, 1_000_000), cloud.inspect.stream("chaos").int(0, 1_000_000)] : [];
      const v = await cloud.ops.volumes.create(cloud.context("demo"), { size: 1 });
      await cloud.settle();
      return { draws, volumeId: v.id, hash: cloud.trace.hash() };
    };
    const a = await run(true),
      b = await run(true),
      quiet = await run(false);
    expect(a.draws).toEqual(b.draws);
    expect(a.draws[0]).not.toBe(a.draws[1]);
    expect(quiet.volumeId).toBe(a.volumeId);
    expect(quiet.hash).toBe(a.hash);
  });

  it("subscribes to the trace until unsubscribed, and records runner notes in it", async () => {
    const cloud = await new CloudBuilder().withSeed(1).build();
    const seen: string[] = [];
    const stop = cloud.inspect.onTrace((e) => seen.push(`${e.service}:${e.what}`));
    cloud.inspect.note({ service: "chaos", host: "nemesis", kind: "fault", event: { type: "runner", text: "first", subjects: [] } });
    stop();
    cloud.inspect.note({ service: "chaos", host: "nemesis", kind: "fault", event: { type: "runner", text: "second", subjects: [] } });
    expect(seen).toEqual(["chaos:first"]);
    expect(
      cloud.trace
        .entries()
        .slice(-2)
        .map((e) => e.what),
    ).toEqual(["first", "second"]);
  });

  it("reports the model's invariants (quota drift here) and the resolved config", async () => {
    const cloud = await new CloudBuilder().withSeed(1).withConfig({ backup_workers: 3 }).build();
    expect(cloud.inspect.invariants()).toEqual([]);
    expect(cloud.inspect.config.backup_workers).toBe(3);
    expect(cloud.inspect.config.rpc_response_timeout).toBeGreaterThan(0);
    internalsOf(cloud).state.quotas.usage(cloud.users.demo.projectId, "backups").in_use += 1;
    expect(cloud.inspect.invariants().map((v) => v.code)).toEqual(["quota-drift"]);
  });
});

describe("internalsOf (sim/cloud/testing.ts)", () => {
  it("refuses anything that CloudBuilder did not build", () => {
    expect(() => internalsOf({} as never)).toThrow(/not a cloud built by CloudBuilder/);
  });
});
