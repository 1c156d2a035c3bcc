import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, ClientSession, DEMO } from "./testing/client-session.ts";
import { KiB, MiB, pattern } from "./testing/test-data.ts";

/**
 * The backup guide's chapter 3 procedures, run with Debian's python3-cinderclient 9.1 and
 * python3-openstackclient 6.0 against `cbh serve` (default mode: virtual time settles after each
 * request, so every asynchronous operation is finished by the client's next call).
 */
describe("guide chapter 3 through the real OpenStack clients", () => {
  let s: ClientSession;
  const id: Record<string, string> = {};
  const hash: Record<string, string> = {};
  let demoProject = "";

  const backupShow = (ref: string, who = DEMO) => s.cinderShow(["backup-show", ref], who);
  const volumeShow = (ref: string, who = DEMO) => s.cinderShow(["show", ref], who);

  beforeAll(async () => {
    s = await ClientSession.start(["--seed", "7", "--geometry", "small"]);
  });
  afterAll(async () => {
    expect(await s?.stop()).toBe(0);
  });

  it("creates a volume with `openstack volume create` and writes data through /sim/v1", async () => {
    const vol = await s.osc<{ id: string; status: string; size: number }>(["volume", "create", "--size", "1", "vol1"]);
    id["vol1"] = vol.id;
    expect(vol.size).toBe(1);
    expect((await volumeShow("vol1")).status).toBe("available");
    await s.write(vol.id, 0, pattern(1, 256 * KiB));
    await s.write(vol.id, 600 * KiB, pattern(2, 64 * KiB));
    const h = await s.sha256(vol.id);
    // Run with --geometry small: 1 GB of volume is 1 MiB of fake device (sim_bytes_per_gb).
    expect(h.size).toBe(MiB);
    hash["v1"] = h.sha256;
  });

  it("3.1.1: `cinder backup-create` makes a full backup that `backup-list` shows available", async () => {
    const t = await s.cinderShow(["backup-create", "--name", "full1", "vol1"]);
    expect(t["volume_id"]).toBe(id["vol1"]);
    expect(t["name"]).toBe("full1");
    id["full1"] = t["id"] as string;
    const row = (await s.cinderList(["backup-list"])).find((r) => r["ID"] === id["full1"]);
    expect(row).toMatchObject({ "Volume ID": id["vol1"], Status: "available", Name: "full1", Size: "1" });
    expect((await backupShow(id["full1"] as string))["is_incremental"]).toBe("False");
  });

  it("3.2.3: `--incremental` backs up the changes since the last backup", async () => {
    await s.write(id["vol1"] as string, 300 * KiB, pattern(3, 128 * KiB));
    hash["v2"] = (await s.sha256(id["vol1"] as string)).sha256;
    const t = await s.cinderShow(["backup-create", "--incremental", "--name", "inc1", "vol1"]);
    id["inc1"] = t["id"] as string;
    const b = await backupShow("inc1");
    expect(b).toMatchObject({ status: "available", is_incremental: "True", volume_id: id["vol1"] });
    expect((await backupShow("full1"))["has_dependent_backups"]).toBe("True");
  });

  it("3.1.4: an in-use volume needs `--force`; the volume stays in-use", async () => {
    const att = await s.cinderShow([
      "--os-volume-api-version",
      "3.27",
      "attachment-create",
      "vol1",
      "8f1b4c52-6d59-4a6b-9d2c-6b3b2f0d9e11",
    ]);
    // cinderclient sends `"connector": {}`; cinder treats the empty dict as no connector
    // (volume/api.py:attachment_create `if connector:`), so the attachment is only reserved (§11).
    expect(att["status"]).toBe("reserved");
    expect((await s.cinder(["reset-state", "--state", "in-use", id["vol1"] as string], ADMIN)).code).toBe(0);
    expect((await volumeShow("vol1")).status).toBe("in-use");
    const refused = await s.cinder(["backup-create", "vol1"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Invalid volume: Backing up an in-use volume must use the force flag. (HTTP 400)");
    const t = await s.cinderShow(["backup-create", "--incremental", "--force", "--name", "inuse1", "vol1"]);
    id["inuse1"] = t["id"] as string;
    expect(await backupShow("inuse1")).toMatchObject({ status: "available", is_incremental: "True" });
    expect((await volumeShow("vol1")).status).toBe("in-use");
    expect((await s.cinder(["--os-volume-api-version", "3.27", "attachment-delete", att["id"] as string])).code).toBe(0);
    expect((await volumeShow("vol1")).status).toBe("available");
  });

  it("3.1.5: `--snapshot-id` backs up a snapshot found with snapshot-list and snapshot-show", async () => {
    const snap = await s.cinderShow(["snapshot-create", "--name", "snap1", "vol1"]);
    const listed = await s.cinderList(["snapshot-list", "--volume-id", id["vol1"] as string]);
    expect(listed.map((r) => r["ID"])).toContain(snap["id"]);
    const shown = await s.cinderShow(["snapshot-show", "snap1"]);
    expect(shown).toMatchObject({ id: snap["id"], status: "available" });
    const t = await s.cinderShow(["backup-create", "vol1", `--snapshot-id=${snap["id"]}`, "--name", "snapbk"]);
    id["snapbk"] = t["id"] as string;
    expect(await backupShow("snapbk")).toMatchObject({ status: "available", snapshot_id: snap["id"], volume_id: id["vol1"] });
  });

  it("3.1.6: back up at an edge site and restore into another availability zone (3.51)", async () => {
    const edge = await s.cinderShow(["create", "--availability-zone", "az1", "--name", "edge", "1"]);
    await s.write(edge["id"] as string, 4096, pattern(6, 8 * KiB));
    const source = (await s.sha256(edge["id"] as string)).sha256;
    const b = await s.cinderShow([
      "--os-volume-api-version",
      "3.51",
      "backup-create",
      "--name",
      "edge-backup",
      "--availability-zone",
      "az2",
      "edge",
    ]);
    expect((await backupShow("edge-backup"))["status"]).toBe("available");
    // The guide passes the backup's name; cinderclient sends it as is and cinder's schema wants a uuid.
    const byName = await s.cinder([
      "--os-volume-api-version",
      "3.51",
      "create",
      "--availability-zone",
      "az2",
      "--name",
      "edge-copy",
      "--backup-id",
      "edge-backup",
      "1",
    ]);
    expect(byName.code).toBe(1);
    expect(byName.stderr).toContain("Invalid input for field/attribute backup_id. Value: edge-backup.");
    const copy = await s.cinderShow([
      "--os-volume-api-version",
      "3.51",
      "create",
      "--availability-zone",
      "az2",
      "--name",
      "edge-copy",
      "--backup-id",
      b["id"] as string,
      "1",
    ]);
    expect(await volumeShow(copy["id"] as string)).toMatchObject({ status: "available", availability_zone: "az2" });
    expect((await s.sha256(copy["id"] as string)).sha256).toBe(source);
    expect((await s.cinder(["backup-delete", "edge-backup"])).code).toBe(0);
  });

  it("3.4: `quota-show`, `quota-update --backups / --backup-gigabytes`, `quota-usage` for the tenant", async () => {
    demoProject = (await s.osc<{ project_id: string }>(["token", "issue"])).project_id;
    const before = await s.cinderList(["quota-show", demoProject], ADMIN);
    expect(before.find((r) => r["Property"] === "backups")?.["Value"]).toBe("10");
    await s.cinderList(["quota-update", "--backups", "20", demoProject], ADMIN);
    await s.cinderList(["quota-update", "--backup-gigabytes", "500", demoProject], ADMIN);
    const after = await s.cinderList(["quota-show", demoProject], ADMIN);
    expect(after.find((r) => r["Property"] === "backups")?.["Value"]).toBe("20");
    expect(after.find((r) => r["Property"] === "backup_gigabytes")?.["Value"]).toBe("500");
    const usage = await s.cinderList(["quota-usage", demoProject], ADMIN);
    expect(usage.find((r) => r["Type"] === "backups")).toMatchObject({ In_use: "4", Limit: "20" });
    expect(usage.find((r) => r["Type"] === "backup_gigabytes")).toMatchObject({ In_use: "4", Limit: "500" });
  });

  it("`cinder service-list` shows the backup services up", async () => {
    const rows = await s.cinderList(["service-list"], ADMIN);
    const backups = rows.filter((r) => r["Binary"] === "cinder-backup");
    expect(backups.length).toBeGreaterThan(0);
    for (const r of backups) expect(r).toMatchObject({ Status: "enabled", State: "up" });
  });

  it("3.1.2: an admin backs up a tenant's volume for the tenant with `--os-project-name`", async () => {
    const r = await s.cinder(["--os-project-name", "demo", "backup-create", "--name", "byadmin", id["vol1"] as string], ADMIN);
    expect(r.code).toBe(0);
    // The guide's literal form: --os-auth-url --os-tenant-name --os-username --os-password.
    const guide = ["--os-auth-url", `${s.url}/identity/v3`, "--os-tenant-name", "demo", "--os-username", "admin", "--os-password", "admin"];
    expect((await s.cinder([...guide, "backup-create", "--name", "byadmin2", id["vol1"] as string], ADMIN)).code).toBe(0);
    const rows = await s.cinderList(["backup-list"]);
    expect(rows.find((x) => x["Name"] === "byadmin")).toMatchObject({ Status: "available" });
    expect(rows.find((x) => x["Name"] === "byadmin2")).toMatchObject({ Status: "available" });
    expect((await s.cinderList(["backup-list"], ADMIN)).map((x) => x["Name"])).not.toContain("byadmin");
    const usage = await s.cinderList(["quota-usage", demoProject], ADMIN);
    expect(usage.find((x) => x["Type"] === "backups")?.["In_use"]).toBe("6");
  });

  it("3.5.1: `backup-restore` to a new volume restores the bytes of the full backup", async () => {
    const r = await s.cinderShow(["backup-restore", id["full1"] as string]);
    expect(r["backup_id"]).toBe(id["full1"]);
    const vol = await volumeShow(r["volume_id"] as string);
    expect(vol.status).toBe("available");
    expect((await s.sha256(r["volume_id"] as string)).sha256).toBe(hash["v1"]);
  });

  it("3.5.1: `backup-restore --volume` restores an incremental into an existing volume", async () => {
    const vol2 = await s.osc<{ id: string }>(["volume", "create", "--size", "1", "vol2"]);
    await s.write(vol2.id, 0, pattern(9, 4096));
    const r = await s.cinderShow(["backup-restore", id["inc1"] as string, "--volume", vol2.id]);
    expect(r["volume_id"]).toBe(vol2.id);
    expect((await volumeShow(vol2.id)).name).toBe("vol2");
    expect((await s.sha256(vol2.id)).sha256).toBe(hash["v2"]);
  });

  it("3.2.3 note and 3.5.1 step 3: a full backup with incrementals cannot be deleted; a leaf can", async () => {
    const refused = await s.cinder(["backup-delete", id["full1"] as string]);
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toContain("Invalid backup: Incremental backups exist for this backup. (HTTP 400)");
    expect((await s.cinder(["backup-delete", id["snapbk"] as string])).code).toBe(0);
    const gone = await s.cinder(["backup-show", id["snapbk"] as string]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`No volumebackup with a name or ID of '${id["snapbk"]}' exists.`);
  });

  it("3.1.3 and 3.5.2: export, lose the database, import the chain and restore it byte for byte", async () => {
    const denied = await s.cinder(["backup-export", id["full1"] as string]);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain("Policy doesn't allow backup:export-import to be performed. (HTTP 403)");
    const full = await s.cinderShow(["backup-export", id["full1"] as string], ADMIN);
    const inc = await s.cinderShow(["backup-export", id["inc1"] as string], ADMIN);
    expect(full["backup_service"]).toBe(inc["backup_service"]);
    expect(JSON.parse(Buffer.from(full["backup_url"] as string, "base64").toString("utf8"))).toMatchObject({
      id: id["full1"],
      status: "available",
    });

    expect((await s.sim("POST", "/faults", JSON.stringify({ kind: "db-loss" }))).status).toBe(202);
    expect(await s.cinderList(["backup-list", "--all-tenants"], ADMIN)).toEqual([]);
    expect((await s.cinder(["backup-show", id["full1"] as string], ADMIN)).code).toBe(1);

    for (const [name, rec] of [
      ["full1", full],
      ["inc1", inc],
    ] as const) {
      const t = await s.cinderShow(["backup-import", rec["backup_service"] as string, rec["backup_url"] as string], ADMIN);
      expect(t).toEqual({ id: id[name], name: "None" });
    }
    expect(await backupShow(id["inc1"] as string, ADMIN)).toMatchObject({ status: "available", is_incremental: "True" });
    const r = await s.cinderShow(["backup-restore", id["inc1"] as string], ADMIN);
    expect((await volumeShow(r["volume_id"] as string, ADMIN)).status).toBe("available");
    expect((await s.sha256(r["volume_id"] as string)).sha256).toBe(hash["v2"]);
  });
});
