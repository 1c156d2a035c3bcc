import { describe, expect, it } from "vitest";
import { CloudBuilder } from "../../sim/cloud/index.ts";
import { cutEdgeFromDatabase } from "./partition-heartbeats.ts";

const TOPOLOGY = {
  apiHost: "controller",
  schedulerHost: "controller",
  zones: [
    { name: "central", volumeBackends: [{ host: "central@lvm", backend: "lvm" }], backupHosts: [{ host: "central" }] },
    { name: "dcn0", volumeBackends: [{ host: "dcn0@lvm", backend: "lvm" }], backupHosts: [{ host: "dcn0" }] },
    { name: "dcn1", volumeBackends: [{ host: "dcn1@lvm", backend: "lvm" }], backupHosts: [{ host: "dcn1" }] },
  ],
};

describe("a WAN partition cuts the edge's heartbeats (Service.is_up)", () => {
  it("central↔dcn0: every dcn0 service goes down after service_down_time, central and dcn1 stay up, the heal brings dcn0 back", async () => {
    const cloud = await new CloudBuilder().withSeed(5).withTopology(TOPOLOGY).build();
    const admin = cloud.context("admin");
    const cut = cutEdgeFromDatabase(cloud, "dcn0", "central");
    expect(cut.hosts.sort()).toEqual(["dcn0", "dcn0@lvm"]);
    await cloud.advance(61_000);
    const states = async () =>
      Object.fromEntries((await cloud.ops.services.list(admin, {})).map((s) => [`${s.binary}@${s.host}`, s.state]));
    expect(await states()).toMatchObject({
      "cinder-backup@dcn0": "down",
      "cinder-volume@dcn0@lvm": "down",
      "cinder-backup@central": "up",
      "cinder-volume@dcn1@lvm": "up",
      "cinder-scheduler@controller": "up",
    });
    cut.heal!();
    expect(await states()).toMatchObject({ "cinder-backup@dcn0": "up", "cinder-volume@dcn0@lvm": "up" });
  });

  it("dcn0↔dcn1 (two edges): the database stays reachable from both, nothing is cut", async () => {
    const cloud = await new CloudBuilder().withSeed(5).withTopology(TOPOLOGY).build();
    const cut = cutEdgeFromDatabase(cloud, "dcn0", "dcn1");
    expect(cut).toEqual({ hosts: [], heal: null });
    await cloud.advance(61_000);
    expect((await cloud.ops.services.list(cloud.context("admin"), {})).every((s) => s.state === "up")).toBe(true);
  });
});
