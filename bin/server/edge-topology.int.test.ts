import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN, ClientSession } from "./testing/client-session.ts";

const DCN = fileURLToPath(new URL("./examples/dcn-topology.yaml", import.meta.url));

/**
 * Guide 3.1.6 on a DCN topology (`--topology examples/dcn-topology.yaml`: cinder-backup only in
 * the central AZ) under both release profiles, with the real cinder client. Zed schedules a
 * backup in the volume's AZ whatever `--availability-zone` says (spec §3.1), so an edge volume
 * cannot be backed up centrally; master honours the requested AZ.
 */
describe("edge-site backups on a DCN topology", () => {
  let s: ClientSession | undefined;
  afterEach(async () => {
    expect(await s?.stop()).toBe(0);
  });

  const backupEdgeVolume = async (release: "zed" | "master") => {
    s = await ClientSession.start(["--seed", "21", "--release", release, "--topology", DCN, "--geometry", "small"]);
    const services = await s.cinderList(["service-list"], ADMIN);
    expect(services.filter((r) => r["Binary"] === "cinder-backup").map((r) => r["Zone"])).toEqual(["central"]);
    await s.cinderShow(["create", "--availability-zone", "edge1", "--name", "edge-vol", "1"], ADMIN);
    const b = await s.cinderShow(
      ["--os-volume-api-version", "3.51", "backup-create", "--name", "edge-backup", "--availability-zone", "central", "edge-vol"],
      ADMIN,
    );
    return { session: s, backupId: b["id"] as string, shown: await s.cinderShow(["backup-show", "edge-backup"], ADMIN) };
  };

  it("zed: the backup of an edge volume fails, no backup service in its AZ", async () => {
    const { shown } = await backupEdgeVolume("zed");
    expect(shown).toMatchObject({ status: "error", fail_reason: "Service not found for creating backup." });
  });

  it("master: the backup lands in the central AZ and restores into another edge site", async () => {
    const { session, backupId, shown } = await backupEdgeVolume("master");
    expect(shown).toMatchObject({ status: "available", availability_zone: "central" });
    const copy = await session.cinderShow(
      ["--os-volume-api-version", "3.51", "create", "--availability-zone", "edge2", "--name", "edge-copy", "--backup-id", backupId, "1"],
      ADMIN,
    );
    expect(await session.cinderShow(["show", copy["id"] as string], ADMIN)).toMatchObject({
      status: "available",
      availability_zone: "edge2",
    });
  });
});
