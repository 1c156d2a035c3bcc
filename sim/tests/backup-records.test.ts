import { describe, expect, it } from "vitest";
import { RECORD_FIELDS } from "../services/backup/backup-record-codec.ts";
import { backupRow, backupUsage, expectCinderError, newCloud, readyVolume, settledBackup, storedObjects } from "./helpers/index.ts";

const decode = (url: string) => JSON.parse(Buffer.from(url, "base64").toString("utf8")) as Record<string, unknown>;
const encode = (o: unknown) => Buffer.from(JSON.stringify(o), "utf8").toString("base64");

// backup/api.py:API.export_record / import_record, backup/manager.py:export_record / import_record,
// objects/backup.py:Backup.encode_record / decode_record (spec §2.5, §3.5, §3.6, §9.55–9.62).
describe("backup export and import (spec §3.5, §3.6)", () => {
  it("§9.55 export of a backup that is not available → 400 'Backup status must be available and not error.'", async () => {
    const cloud = await newCloud();
    const admin = cloud.context("admin");
    const vol = await readyVolume(cloud, admin);
    const b = await settledBackup(cloud, admin, { volume_id: vol });
    await cloud.ops.backups.resetStatus(admin, b.id, "error");
    await cloud.settle();
    await expectCinderError(
      cloud.ops.backups.exportRecord(admin, b.id),
      400,
      "Invalid backup: Backup status must be available and not error.",
      "InvalidBackup",
    );
  });

  it("§3.5 export is admin only (403); another project's backup is 404 before the policy check (§11)", async () => {
    const cloud = await newCloud();
    const demo = cloud.context("demo");
    const vol = await readyVolume(cloud, demo);
    const b = await settledBackup(cloud, demo, { volume_id: vol });
    await expectCinderError(cloud.ops.backups.exportRecord(demo, b.id), 403, "Policy doesn't allow backup:export-import to be performed.");
    const avol = await readyVolume(cloud, cloud.context("admin"));
    const ab = await settledBackup(cloud, cloud.context("admin"), { volume_id: avol });
    await expectCinderError(cloud.ops.backups.exportRecord(demo, ab.id), 404, `Backup ${ab.id} could not be found.`);
  });

  it("§9.56 export → base64 JSON of every field except parent plus driver_info {}; decoding round-trips the row", async () => {
    const cloud = await newCloud();
    const admin = cloud.context("admin");
    const vol = await readyVolume(cloud, admin);
    const b = await settledBackup(cloud, admin, { volume_id: vol, name: "exp", metadata: { a: "1" } });
    const rec = await cloud.ops.backups.exportRecord(admin, b.id);
    const row = backupRow(cloud, b.id);
    expect(rec.backup_service).toBe(row.service);
    expect(Buffer.from(Buffer.from(rec.backup_url, "base64").toString("base64")).toString()).toBe(rec.backup_url);
    const d = decode(rec.backup_url);
    expect(d["driver_info"]).toEqual({});
    expect("parent" in d).toBe(false);
    expect(Object.keys(d).sort()).toEqual(["driver_info", ...RECORD_FIELDS].sort());
    for (const k of [
      "id",
      "user_id",
      "project_id",
      "volume_id",
      "container",
      "parent_id",
      "status",
      "size",
      "display_name",
      "service_metadata",
      "service",
      "object_count",
      "num_dependent_backups",
      "snapshot_id",
      "metadata",
      "deleted",
    ] as const) {
      expect(d[k], k).toEqual(row[k]);
    }
    expect(typeof d["created_at"]).toBe("string");
    expect(Date.parse(d["created_at"] as string)).toBe(Math.floor(row.created_at / 1000) * 1000);
  });

  it("§9.57 import of a record whose backup exists → 400 'Backup already exists in database.'", async () => {
    const cloud = await newCloud();
    const admin = cloud.context("admin");
    const vol = await readyVolume(cloud, admin);
    const b = await settledBackup(cloud, admin, { volume_id: vol });
    const rec = await cloud.ops.backups.exportRecord(admin, b.id);
    await expectCinderError(
      cloud.ops.backups.importRecord(admin, rec.backup_service, rec.backup_url),
      400,
      "Invalid backup: Backup already exists in database.",
      "InvalidBackup",
    );
    expect(backupUsage(cloud, cloud.users.admin.projectId)).toEqual({ backups: 1, gigabytes: 1 });
  });

  it("§9.58 database loss, then import → 201 creating → available, importer's project and quota, restore byte-exact", async () => {
    const cloud = await newCloud();
    const admin = cloud.context("admin");
    const demo = cloud.context("demo");
    const vol = await readyVolume(cloud, demo);
    const b = await settledBackup(cloud, demo, { volume_id: vol });
    const rec = await cloud.ops.backups.exportRecord(admin, b.id);
    cloud.faults.dbLoss();
    const imported = await cloud.ops.backups.importRecord(admin, rec.backup_service, rec.backup_url);
    expect(imported.id).toBe(b.id);
    expect(imported.status).toBe("creating");
    expect(imported.volume_id).toBe("00000000-0000-0000-0000-000000000000");
    await cloud.settle();
    const row = backupRow(cloud, b.id);
    expect(row.status).toBe("available");
    expect(row.project_id).toBe(cloud.users.admin.projectId);
    expect(row.volume_id).toBe(vol);
    expect(row.service_metadata).toBe(b.service_metadata);
    expect(backupUsage(cloud, cloud.users.admin.projectId)).toEqual({ backups: 1, gigabytes: 1 });
    const r = await cloud.ops.backups.restore(admin, b.id, {});
    await cloud.settle();
    expect(cloud.db.volume(r.volume_id)!.status).toBe("available");
    expect(cloud.devices.sha256(r.volume_id)).toEqual(cloud.devices.sha256(vol));
  });

  it("§3.6 a soft-deleted row is revived (same row), charged to the importer", async () => {
    const cloud = await newCloud();
    const admin = cloud.context("admin");
    const demo = cloud.context("demo");
    const vol = await readyVolume(cloud, demo);
    const b = await settledBackup(cloud, demo, { volume_id: vol });
    const rec = await cloud.ops.backups.exportRecord(admin, b.id);
    await cloud.ops.backups.delete(demo, b.id, false);
    await cloud.settle();
    expect(backupRow(cloud, b.id).deleted).toBe(true);
    await cloud.ops.backups.importRecord(admin, rec.backup_service, rec.backup_url);
    await cloud.settle();
    const row = backupRow(cloud, b.id);
    expect(row.deleted).toBe(false);
    expect(row.status).toBe("available"); // no driver checks that the data exists
    expect(row.project_id).toBe(cloud.users.admin.projectId);
    expect(cloud.db.backups().filter((x) => x.id === b.id)).toHaveLength(1);
    expect(backupUsage(cloud, cloud.users.admin.projectId)).toEqual({ backups: 1, gigabytes: 1 });
    expect(backupUsage(cloud, cloud.users.demo.projectId)).toEqual({ backups: 0, gigabytes: 0 });
  });

  it("§9.59 backup_url 'fake' → 400 'Can't parse backup record.'; missing id or size → 400", async () => {
    const cloud = await newCloud();
    const admin = cloud.context("admin");
    await expectCinderError(
      cloud.ops.backups.importRecord(admin, "", "fake"),
      400,
      "Invalid input received: Can't parse backup record.",
      "InvalidInput",
    );
    await expectCinderError(
      cloud.ops.backups.importRecord(admin, "", encode({ size: 1 })),
      400,
      "Invalid input received: Provided backup record is missing an id",
    );
    await expectCinderError(
      cloud.ops.backups.importRecord(admin, "", encode({ id: "6f1c8a42-1d3b-4c5e-9f7a-0b2c4d6e8f10" })),
      400,
      "Invalid input received: Provided backup record is missing size attribute",
    );
    expect(cloud.db.backups()).toEqual([]);
  });

  it("§3.6 import is admin only → 403 for a member", async () => {
    const cloud = await newCloud();
    await expectCinderError(
      cloud.ops.backups.importRecord(cloud.context("demo"), "", encode({ id: "x", size: 1 })),
      403,
      "Policy doesn't allow backup:backup-import to be performed.",
    );
  });

  it("§9.60 import while no backup service is up → 503", async () => {
    const cloud = await newCloud();
    const admin = cloud.context("admin");
    const vol = await readyVolume(cloud, admin);
    const b = await settledBackup(cloud, admin, { volume_id: vol });
    const rec = await cloud.ops.backups.exportRecord(admin, b.id);
    cloud.faults.dbLoss();
    cloud.faults.stopService("cinder-backup", "site1");
    cloud.faults.stopService("cinder-backup", "site2");
    await cloud.advance(cloud.inspect.config.service_down_time * 1000 + 11_000);
    await expectCinderError(cloud.ops.backups.importRecord(admin, rec.backup_service, rec.backup_url), 503, undefined, "ServiceNotFound");
    expect(cloud.db.backup(b.id)).toBeUndefined();
  });

  it("§9.61 import with a backup_service that no host runs → error after the host chain is exhausted", async () => {
    const cloud = await newCloud();
    const admin = cloud.context("admin");
    const vol = await readyVolume(cloud, admin);
    const b = await settledBackup(cloud, admin, { volume_id: vol });
    const rec = await cloud.ops.backups.exportRecord(admin, b.id);
    cloud.faults.dbLoss();
    await cloud.ops.backups.importRecord(admin, "cinder.backup.drivers.ceph.CephBackupDriver", rec.backup_url);
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("error");
    const hops = cloud.trace
      .entries()
      .filter((e) => e.event.type === "rpc" && e.event.kind === "cast" && e.event.method === "import_record");
    expect(hops.length).toBe(2); // site2 then site1 (last host first), then the list is empty
  });

  it("§9.62 import the incremental without its parent → restore fails error_restoring; import the parent too → restore works", async () => {
    const cloud = await newCloud();
    const admin = cloud.context("admin");
    const vol = await readyVolume(cloud, admin);
    const f = await settledBackup(cloud, admin, { volume_id: vol });
    cloud.devices.fill(vol, "random", { offset: 100_000, length: 50_000, stream: "delta" });
    const want = cloud.devices.sha256(vol);
    const i = await settledBackup(cloud, admin, { volume_id: vol, incremental: true });
    const recF = await cloud.ops.backups.exportRecord(admin, f.id);
    const recI = await cloud.ops.backups.exportRecord(admin, i.id);
    cloud.faults.dbLoss();
    await cloud.ops.backups.importRecord(admin, recI.backup_service, recI.backup_url);
    await cloud.settle();
    expect(backupRow(cloud, i.id).status).toBe("available");
    expect(backupRow(cloud, i.id).parent_id).toBe(f.id);
    const r1 = await cloud.ops.backups.restore(admin, i.id, {});
    await cloud.settle();
    expect(cloud.db.volume(r1.volume_id)!.status).toBe("error_restoring");
    expect(backupRow(cloud, i.id).status).toBe("available");
    await cloud.ops.backups.importRecord(admin, recF.backup_service, recF.backup_url);
    await cloud.settle();
    const r2 = await cloud.ops.backups.restore(admin, i.id, {});
    await cloud.settle();
    expect(cloud.db.volume(r2.volume_id)!.status).toBe("available");
    expect(cloud.devices.sha256(r2.volume_id)).toEqual(want);
  });

  it("§3.6 an empty backup_service matches any host; the importing manager's service, AZ and host overwrite the record's", async () => {
    const cloud = await newCloud({ release: "master" });
    const admin = cloud.context("admin");
    const vol = await readyVolume(cloud, admin, 1, { az: "az2" });
    const b = await settledBackup(cloud, admin, { volume_id: vol });
    expect([b.host, b.availability_zone]).toEqual(["site2", "az2"]);
    const rec = await cloud.ops.backups.exportRecord(admin, b.id);
    cloud.faults.dbLoss();
    const forged = {
      ...decode(rec.backup_url),
      service: "somewhere.else",
      host: "nowhere",
      availability_zone: "az9",
      status: "error",
      fail_reason: "x",
    };
    await cloud.ops.backups.importRecord(admin, "", encode(forged));
    await cloud.settle();
    const row = backupRow(cloud, b.id);
    expect(row.status).toBe("available");
    expect(row.service).toBe(b.service);
    expect(row.fail_reason).toBeNull();
    expect(["site1", "site2"]).toContain(row.host);
    expect(row.availability_zone).toBe(row.host === "site1" ? "az1" : "az2");
  });

  it("§3.6 import copies the rest of the record: created_at, data_timestamp, metadata, parent_id, num_dependent_backups, encryption_key_id", async () => {
    const cloud = await newCloud();
    const admin = cloud.context("admin", "3.43");
    const vol = await readyVolume(cloud, admin, 1, { type: "LUKS" });
    const f = await settledBackup(cloud, admin, { volume_id: vol, metadata: { tier: "gold" }, name: "f", description: "full" });
    await cloud.advance(3000);
    const i = await settledBackup(cloud, admin, { volume_id: vol, incremental: true });
    const before = backupRow(cloud, f.id);
    const recF = await cloud.ops.backups.exportRecord(admin, f.id);
    cloud.faults.dbLoss();
    await cloud.ops.backups.importRecord(admin, recF.backup_service, recF.backup_url);
    await cloud.settle();
    const row = backupRow(cloud, f.id);
    const sec = (ms: number) => Math.floor(ms / 1000) * 1000; // the record carries seconds
    expect(row.created_at).toBe(sec(before.created_at));
    expect(row.data_timestamp).toBe(sec(before.data_timestamp));
    expect(row.metadata).toEqual({ tier: "gold" });
    expect([row.display_name, row.display_description]).toEqual(["f", "full"]);
    expect(row.num_dependent_backups).toBe(1);
    expect(row.encryption_key_id).toBe(before.encryption_key_id);
    expect(row.volume_id).toBe(vol);
    expect(row.container).toBe(before.container);
    expect(row.object_count).toBe(before.object_count);
    expect(i.parent_id).toBe(f.id);
  });

  it("§3.6 a record missing a required key (service_metadata) → the manager sets error", async () => {
    const cloud = await newCloud();
    const admin = cloud.context("admin");
    const vol = await readyVolume(cloud, admin);
    const b = await settledBackup(cloud, admin, { volume_id: vol });
    const rec = await cloud.ops.backups.exportRecord(admin, b.id);
    cloud.faults.dbLoss();
    const { service_metadata: _drop, ...rest } = decode(rec.backup_url);
    await cloud.ops.backups.importRecord(admin, rec.backup_service, encode(rest));
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("error");
    expect(backupUsage(cloud, cloud.users.admin.projectId)).toEqual({ backups: 1, gigabytes: 1 });
  });

  it("§4 import over the importer's quota → 413 BackupLimitExceeded", async () => {
    const cloud = await newCloud();
    const admin = cloud.context("admin");
    const vol = await readyVolume(cloud, admin);
    const b = await settledBackup(cloud, admin, { volume_id: vol });
    const rec = await cloud.ops.backups.exportRecord(admin, b.id);
    cloud.faults.dbLoss();
    await cloud.ops.quotas.update(admin, cloud.users.admin.projectId, { backups: 0 });
    const err = await expectCinderError(
      cloud.ops.backups.importRecord(admin, rec.backup_service, rec.backup_url),
      413,
      "Maximum number of backups allowed (0) exceeded",
      "BackupLimitExceeded",
    );
    expect(err.headers["Retry-After"]).toBe("0");
    expect(cloud.db.backup(b.id)).toBeUndefined();
    expect(storedObjects(cloud).length).toBe(6);
  });
});
