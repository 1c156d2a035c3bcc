import { beforeEach, describe, expect, it } from "vitest";
import { CloudBuilder, type SimulatedCloud } from "../cloud/index.ts";
import { createRestHandler } from "./handler.ts";
import type { RestAuth } from "./types.ts";
import { restClient } from "./testing/index.ts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The REST layer over the real simulated cloud: spec §11's observed answers, end to end. */
describe("REST over the simulated cloud (spec §11)", () => {
  let cloud: SimulatedCloud;
  let call: ReturnType<typeof restClient>;
  let demo: RestAuth;
  let admin: RestAuth;

  beforeEach(async () => {
    cloud = await new CloudBuilder().withSeed(7).build();
    const handler = createRestHandler(cloud);
    call = restClient(handler);
    demo = { userId: cloud.users.demo.userId, projectId: cloud.users.demo.projectId, roles: [...cloud.users.demo.roles] };
    admin = { userId: cloud.users.admin.userId, projectId: cloud.users.admin.projectId, roles: [...cloud.users.admin.roles] };
  });

  const asDemo = (m: string, p: string, o: Json = {}) => call(m, p, { auth: demo, ...o });
  const asAdmin = (m: string, p: string, o: Json = {}) => call(m, p, { auth: admin, ...o });
  const newVolume = async (size = 1): Promise<string> => {
    const r = await asDemo("POST", "volumes", { body: { volume: { size, name: "v" } } });
    expect(r.status).toBe(202);
    await cloud.settle();
    return (r.body as Json)["volume"].id as string;
  };
  const newBackup = async (volumeId: string, extra: Json = {}): Promise<string> => {
    const r = await asDemo("POST", "backups", { body: { backup: { volume_id: volumeId, ...extra } } });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    await cloud.settle();
    return (r.body as Json)["backup"].id as string;
  };

  it("create → settle → detail available; restore 202; quota in_use matches (invariants hold)", async () => {
    const vol = await newVolume(2);
    const id = await newBackup(vol, { name: "b1" });
    const show = (await asDemo("GET", `backups/${id}`, { version: "3.64" })).body as Json;
    expect(show["backup"]).toMatchObject({
      id,
      status: "available",
      size: 2,
      name: "b1",
      volume_id: vol,
      is_incremental: false,
      has_dependent_backups: false,
    });
    expect(show["backup"].created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    const restore = await asDemo("POST", `backups/${id}/restore`, { body: { restore: { name: "r1" } } });
    expect(restore.status).toBe(202);
    expect((restore.body as Json)["restore"]).toMatchObject({ backup_id: id, volume_name: "r1" });
    await cloud.settle();
    const q = ((await asDemo("GET", `os-quota-sets/${demo.projectId}`, { query: { usage: "true" } })).body as Json)["quota_set"];
    expect(q.backups).toMatchObject({ limit: 10, in_use: 1, reserved: 0 });
    expect(q.backup_gigabytes.in_use).toBe(2);
    expect(cloud.inspect.invariants()).toEqual([]);
  });

  it("in-use without force, and a second backup while backing-up (400 texts)", async () => {
    const vol = await newVolume();
    expect(
      (await asDemo("POST", `volumes/${vol}/action`, { body: { "os-attach": { mountpoint: "/dev/vdb", host_name: "h" } } })).status,
    ).toBe(202);
    await cloud.settle();
    expect((await asDemo("POST", "backups", { body: { backup: { volume_id: vol } } })).body).toEqual({
      badRequest: { code: 400, message: "Invalid volume: Backing up an in-use volume must use the force flag." },
    });
    const vol2 = await newVolume();
    expect((await asDemo("POST", "backups", { body: { backup: { volume_id: vol2 } } })).status).toBe(202);
    expect((await asDemo("POST", "backups", { body: { backup: { volume_id: vol2 } } })).body).toEqual({
      badRequest: {
        code: 400,
        message: 'Invalid volume: Volume to be backed up must be available or in-use, but the current status is "backing-up".',
      },
    });
    await cloud.settle();
  });

  it("export/import policies, other project's backup 404, import of an existing id 400", async () => {
    const vol = await newVolume();
    const id = await newBackup(vol);
    expect((await asDemo("GET", `backups/${id}/export_record`)).body).toEqual({
      forbidden: { code: 403, message: "Policy doesn't allow backup:export-import to be performed." },
    });
    const adminVol = (await asAdmin("POST", "volumes", { body: { volume: { size: 1 } } }).then(
      (r) => (r.body as Json)["volume"].id,
    )) as string;
    await cloud.settle();
    const adminBackup = (await asAdmin("POST", "backups", { body: { backup: { volume_id: adminVol } } }).then(
      (r) => (r.body as Json)["backup"].id,
    )) as string;
    await cloud.settle();
    expect((await asDemo("GET", `backups/${adminBackup}/export_record`)).body).toEqual({
      itemNotFound: { code: 404, message: `Backup ${adminBackup} could not be found.` },
    });
    const exp = await asAdmin("GET", `backups/${adminBackup}/export_record`);
    expect(exp.status).toBe(200);
    const record = (exp.body as Json)["backup-record"];
    expect(Object.keys(record)).toEqual(["backup_service", "backup_url"]);
    expect((await asDemo("POST", "backups/import_record", { body: { "backup-record": record } })).body).toEqual({
      forbidden: { code: 403, message: "Policy doesn't allow backup:backup-import to be performed." },
    });
    expect((await asAdmin("POST", "backups/import_record", { body: { "backup-record": record } })).body).toEqual({
      badRequest: { code: 400, message: "Invalid backup: Backup already exists in database." },
    });
    expect(
      (
        await asAdmin("POST", "backups/import_record", {
          body: { "backup-record": { backup_service: "", backup_url: Buffer.from("fake").toString("base64") } },
        })
      ).body,
    ).toEqual({ badRequest: { code: 400, message: "Invalid input received: Can't parse backup record." } });
  });

  it("incrementals block the parent's delete; restore into a too-small volume; reset-state bogus", async () => {
    const vol = await newVolume(2);
    const full = await newBackup(vol);
    await newBackup(vol, { incremental: true });
    expect((await asDemo("DELETE", `backups/${full}`)).body).toEqual({
      badRequest: { code: 400, message: "Invalid backup: Incremental backups exist for this backup." },
    });
    const small = await newVolume(1);
    expect((await asDemo("POST", `backups/${full}/restore`, { body: { restore: { volume_id: small } } })).body).toEqual({
      badRequest: { code: 400, message: "Invalid volume: volume size 1 is too small to restore backup of size 2." },
    });
    expect(
      (await asAdmin("POST", `/v3/${admin.projectId}/backups/${full}/action`, { body: { "os-reset_status": { status: "bogus" } } })).body,
    ).toEqual({ badRequest: { code: 400, message: "Backup status: bogus is invalid, valid statuses are: ['available', 'error']." } });
  });

  it("over the backups quota: 413 BackupLimitExceeded with retryAfter", async () => {
    expect((await asAdmin("PUT", `os-quota-sets/${demo.projectId}`, { body: { quota_set: { backups: 1 } } })).status).toBe(200);
    const vol = await newVolume();
    await newBackup(vol);
    const r = await asDemo("POST", "backups", { body: { backup: { volume_id: vol } } });
    expect(r.status).toBe(413);
    expect(r.body).toEqual({
      overLimit: { code: 413, message: "BackupLimitExceeded: Maximum number of backups allowed (1) exceeded", retryAfter: "0" },
    });
    expect(r.headers["OpenStack-API-Version"]).toBe("volume 3.0");
  });

  it("services, limits and availability zones from the real topology", async () => {
    const services = ((await asAdmin("GET", "os-services", { version: "3.49" })).body as Json)["services"] as Json[];
    expect(services.map((s) => s.binary)).toEqual(expect.arrayContaining(["cinder-backup", "cinder-volume", "cinder-scheduler"]));
    expect(services.every((s) => s.state === "up" && s.status === "enabled")).toBe(true);
    const limits = ((await asDemo("GET", "limits")).body as Json)["limits"];
    expect(limits.absolute).toMatchObject({ maxTotalBackups: 10, maxTotalBackupGigabytes: 1000 });
    const az = ((await asDemo("GET", "os-availability-zone")).body as Json)["availabilityZoneInfo"] as Json[];
    expect(az.length).toBeGreaterThan(0);
    expect(az[0]).toMatchObject({ zoneState: { available: true } });
  });

  it("no backup service up: import is 503 serviceUnavailable (spec §9 #60)", async () => {
    const vol = await newVolume();
    const id = await newBackup(vol);
    const exp = await asAdmin("GET", `backups/${id}/export_record`);
    for (const s of cloud.db.services().filter((x) => x.binary === "cinder-backup")) cloud.faults.stopService(s.binary, s.host);
    await cloud.advance(600_000);
    const r = await asAdmin("POST", "backups/import_record", { body: { "backup-record": (exp.body as Json)["backup-record"] } });
    expect(r.status).toBe(503);
    expect(Object.keys(r.body as object)).toEqual(["serviceUnavailable"]);
  });

  it("attachment-create with cinderclient's empty connector only reserves (spec §11)", async () => {
    const vol = await newVolume();
    const r = await asDemo("POST", "attachments", {
      version: "3.27",
      body: { attachment: { volume_uuid: vol, instance_uuid: "8f1b4c52-6d59-4a6b-9d2c-6b3b2f0d9e11", connector: {} } },
    });
    expect(r.status).toBe(200);
    expect((r.body as Json)["attachment"].status).toBe("reserved");
    await cloud.settle();
    expect(((await asDemo("GET", `volumes/${vol}`)).body as Json)["volume"].status).toBe("reserved");
    expect((await asAdmin("POST", `volumes/${vol}/action`, { body: { "os-reset_status": { status: "in-use" } } })).status).toBe(202);
  });

  it("restore to a new volume over the volumes quota: 413 with the bare message (the controller catches it)", async () => {
    const vol = await newVolume();
    const id = await newBackup(vol);
    expect((await asAdmin("PUT", `os-quota-sets/${demo.projectId}`, { body: { quota_set: { volumes: 1 } } })).status).toBe(200);
    const r = await asDemo("POST", `backups/${id}/restore`, { body: { restore: {} } });
    expect(r.status).toBe(413);
    expect(r.body).toEqual({
      overLimit: { code: 413, message: "Maximum number of volumes allowed (1) exceeded for quota 'volumes'.", retryAfter: "0" },
    });
    expect(r.headers["Retry-After"]).toBe("0");
  });

  it("guide 3.x edge: 3.51 backup to another AZ, then 3.47 create a volume from it there", async () => {
    const vol = await newVolume(1);
    cloud.devices.fill(vol, "random");
    const b = await asDemo("POST", "backups", {
      version: "3.51",
      body: { backup: { volume_id: vol, name: "edge", availability_zone: "az2" } },
    });
    expect(b.status).toBe(202);
    await cloud.settle();
    const id = (b.body as Json)["backup"].id as string;
    expect(((await asDemo("GET", `backups/${id}`)).body as Json)["backup"].status).toBe("available");
    const v = await asDemo("POST", "volumes", {
      version: "3.51",
      body: { volume: { size: 1, name: "from-backup", availability_zone: "az2", backup_id: id } },
    });
    expect(v.status, JSON.stringify(v.body)).toBe(202);
    await cloud.settle();
    const created = ((await asDemo("GET", `volumes/${(v.body as Json)["volume"].id}`)).body as Json)["volume"];
    expect(created).toMatchObject({ status: "available", availability_zone: "az2", size: 1 });
    expect(cloud.devices.sha256(created.id).sha256).toBe(cloud.devices.sha256(vol).sha256);
    expect((await asDemo("POST", "volumes", { version: "3.46", body: { volume: { size: 1, backup_id: id } } })).status).toBe(202);
  });
});
