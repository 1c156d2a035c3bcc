import { parseApiVersion } from "../../api/api-version-request.ts";
import type { CinderOperations, ListQuery } from "../../api/operations.ts";
import type { RequestContext } from "../../api/request-context.ts";
import type { Release, SimulatedCloud } from "../../cloud/simulated-cloud.ts";
import type { BackupRow, ServiceRow, SnapshotRow, VolumeRow } from "../../db/rows.ts";
import {
  backupNotFound,
  CinderError,
  invalidBackup,
  invalidVolume,
  policyNotAuthorized,
  quotaError,
  serviceNotFound,
  snapshotNotFound,
  volumeNotFound,
} from "../../errors/cinder-errors.ts";

/**
 * A small in-memory stand-in for the lead's CinderOperations, for REST-layer unit tests: rows,
 * project scoping and a few cinder checks, nothing asynchronous. Tests that need the real model
 * use the simulated cloud (see rest-over-cloud.test.ts).
 */
export interface FakeCloud extends SimulatedCloud {
  readonly state: {
    backups: BackupRow[];
    volumes: VolumeRow[];
    snapshots: SnapshotRow[];
    services: ServiceRow[];
    quota: Record<string, number>;
    backupServiceUp: boolean;
  };
}

const T0 = Date.UTC(2026, 0, 1);

export function createFakeCloud(release: Release = "zed"): FakeCloud {
  let n = 0;
  const uuid = (): string => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, "0")}`;
  const state: FakeCloud["state"] = {
    backups: [],
    volumes: [],
    snapshots: [],
    services: [],
    quota: { volumes: 10, gigabytes: 1000, snapshots: 10, backups: 10, backup_gigabytes: 1000, per_volume_gigabytes: -1, groups: 10 },
    backupServiceUp: true,
  };
  let reqSeq = 0;
  const visible = <T extends { project_id: string; deleted: boolean }>(ctx: RequestContext, r: T | undefined): r is T =>
    r !== undefined && !r.deleted && (ctx.isAdmin || r.project_id === ctx.projectId);
  const page = <T extends { id: string }>(rows: T[], q: ListQuery): { items: T[]; count: number } => {
    let items = rows;
    if (q.marker !== undefined) {
      const i = items.findIndex((r) => r.id === q.marker);
      if (i < 0) throw backupNotFound(q.marker);
      items = items.slice(i + 1);
    }
    items = items.slice(q.offset ?? 0, (q.offset ?? 0) + (q.limit ?? 1000));
    return { items, count: rows.length };
  };
  const scoped = <T extends { project_id: string; deleted: boolean }>(ctx: RequestContext, rows: T[], q: ListQuery): T[] =>
    rows
      .filter((r) => !r.deleted && (q.allTenants || r.project_id === ctx.projectId))
      .filter((r) => Object.entries(q.filters).every(([k, v]) => String((r as Record<string, unknown>)[k]) === v));

  const ops: CinderOperations = {
    backups: {
      async create(ctx, req) {
        const vol = state.volumes.find((v) => v.id === req.volume_id);
        if (!visible(ctx, vol)) throw volumeNotFound(req.volume_id);
        if (vol.status === "in-use" && !req.force) throw invalidVolume("Backing up an in-use volume must use the force flag.");
        if (vol.status !== "available" && vol.status !== "in-use")
          throw invalidVolume(`Volume to be backed up must be available or in-use, but the current status is "${vol.status}".`);
        const live = state.backups.filter((b) => !b.deleted && b.project_id === ctx.projectId).length;
        if (live + 1 > (state.quota["backups"] ?? 10))
          throw quotaError("BackupLimitExceeded", `Maximum number of backups allowed (${state.quota["backups"]}) exceeded`);
        const b: BackupRow = {
          id: uuid(),
          user_id: ctx.userId,
          project_id: ctx.projectId,
          volume_id: vol.id,
          snapshot_id: req.snapshot_id ?? null,
          parent_id: null,
          num_dependent_backups: 0,
          host: null,
          availability_zone: null,
          container: req.container ?? null,
          service: null,
          service_metadata: null,
          size: vol.size,
          object_count: 0,
          status: "creating",
          fail_reason: null,
          display_name: req.name ?? null,
          display_description: req.description ?? null,
          data_timestamp: vol.created_at,
          encryption_key_id: null,
          restore_volume_id: null,
          temp_volume_id: null,
          temp_snapshot_id: null,
          metadata: req.metadata ?? {},
          created_at: T0 + n * 1000,
          updated_at: null,
          deleted_at: null,
          deleted: false,
        };
        state.backups.push(b);
        return b;
      },
      async get(ctx, id) {
        const b = state.backups.find((x) => x.id === id);
        if (!visible(ctx, b)) throw backupNotFound(id);
        return b;
      },
      async list(ctx, q) {
        return page(scoped(ctx, state.backups, q), q);
      },
      async update(ctx, id, req) {
        const b = await ops.backups.get(ctx, id);
        if (req.name !== undefined) b.display_name = req.name;
        if (req.description !== undefined) b.display_description = req.description;
        if (req.metadata !== undefined) b.metadata = { ...req.metadata };
        return b;
      },
      async delete(ctx, id, force) {
        const b = await ops.backups.get(ctx, id);
        if (!force && b.status !== "available" && b.status !== "error") throw invalidBackup("Backup status must be available or error");
        b.status = "deleted";
        b.deleted = true;
      },
      async restore(ctx, id, req) {
        const b = await ops.backups.get(ctx, id);
        if (b.status !== "available") throw invalidBackup("Backup status must be available");
        return {
          backup_id: b.id,
          volume_id: req.volume_id ?? uuid(),
          volume_name: req.volume_id ? null : (req.name ?? `restore_backup_${b.id}`),
        };
      },
      async exportRecord(ctx, id) {
        const b = await ops.backups.get(ctx, id);
        return { backup_service: b.service ?? "", backup_url: Buffer.from(JSON.stringify({ id: b.id })).toString("base64") };
      },
      async importRecord(ctx, _svc, url) {
        if (!ctx.isAdmin) throw policyNotAuthorized("backup:backup-import");
        if (!state.backupServiceUp) throw serviceNotFound("Service cinder-backup could not be found.");
        const id = (JSON.parse(Buffer.from(url, "base64").toString("utf8")) as { id: string }).id;
        if (state.backups.some((b) => b.id === id && !b.deleted)) throw invalidBackup("Backup already exists in database.");
        const b: BackupRow = {
          ...(state.backups[0] as BackupRow),
          id,
          display_name: null,
          project_id: ctx.projectId,
          status: "creating",
          deleted: false,
        };
        state.backups.push(b);
        return b;
      },
      async resetStatus(ctx, id, status) {
        const b = await ops.backups.get(ctx, id);
        b.status = status as BackupRow["status"];
      },
    },
    volumes: {
      async create(ctx, req) {
        const v: VolumeRow = {
          id: uuid(),
          user_id: ctx.userId,
          project_id: ctx.projectId,
          size: req.size,
          status: "available",
          previous_status: null,
          attach_status: "detached",
          display_name: req.name ?? null,
          display_description: req.description ?? null,
          availability_zone: req.availability_zone ?? "az1",
          host: "vol1@lvm#lvm",
          volume_type_id: "10000000-0000-4000-8000-000000000001",
          encryption_key_id: null,
          bootable: false,
          multiattach: false,
          launched_at: T0,
          snapshot_id: req.snapshot_id ?? null,
          source_volid: req.source_volid ?? null,
          use_quota: true,
          metadata: req.metadata ?? {},
          glance_metadata: {},
          attachments: [],
          created_at: T0 + n * 1000,
          updated_at: null,
          deleted_at: null,
          deleted: false,
        };
        state.volumes.push(v);
        return v;
      },
      async get(ctx, id) {
        const v = state.volumes.find((x) => x.id === id);
        if (!visible(ctx, v)) throw volumeNotFound(id);
        return v;
      },
      async list(ctx, q) {
        return page(scoped(ctx, state.volumes, q), q);
      },
      async update(ctx, id, req) {
        const v = await ops.volumes.get(ctx, id);
        if (req.name !== undefined) v.display_name = req.name;
        if (req.description !== undefined) v.display_description = req.description;
        if (req.metadata !== undefined) v.metadata = { ...req.metadata };
        return v;
      },
      async delete(ctx, id) {
        const v = await ops.volumes.get(ctx, id);
        v.deleted = true;
        v.status = "deleted";
      },
      async resetStatus(ctx, id, req) {
        const v = await ops.volumes.get(ctx, id);
        if (req.status) v.status = req.status as VolumeRow["status"];
      },
      async extend(ctx, id, newSize) {
        const v = await ops.volumes.get(ctx, id);
        if (newSize <= v.size)
          throw new CinderError("InvalidInput", 400, "Invalid input received: New size for extend must be greater than current size.");
        v.size = newSize;
      },
      async copyToImage(ctx, id) {
        const v = await ops.volumes.get(ctx, id);
        if (v.status !== "available") throw new CinderError("InvalidVolume", 400, `Invalid volume: Volume ${id} status must be available`);
      },
      async retype(ctx, id, newType) {
        const v = await ops.volumes.get(ctx, id);
        v.volume_type_id = newType;
      },
      async attach(ctx, id, req) {
        const v = await ops.volumes.get(ctx, id);
        v.status = "in-use";
        v.attach_status = "attached";
        v.attachments.push({
          id: uuid(),
          volume_id: id,
          instance_uuid: req.instance_uuid ?? null,
          attached_host: req.host_name ?? null,
          mountpoint: req.mountpoint,
          attach_status: "attached",
          attach_mode: req.mode ?? "rw",
          connector: null,
          created_at: T0,
        });
      },
      async detach(ctx, id) {
        const v = await ops.volumes.get(ctx, id);
        v.status = "available";
        v.attach_status = "detached";
        v.attachments = [];
      },
      async attachmentCreate(ctx, req) {
        const v = await ops.volumes.get(ctx, req.volume_id);
        const a = {
          id: uuid(),
          volume_id: v.id,
          instance_uuid: req.instance_uuid ?? null,
          attached_host: null,
          mountpoint: null,
          attach_status: "reserved" as const,
          attach_mode: req.mode ?? "rw",
          connector: req.connector ?? null,
          created_at: T0,
        };
        v.attachments.push(a);
        v.status = "reserved";
        return {
          id: a.id,
          volume_id: v.id,
          instance: a.instance_uuid,
          status: "reserved",
          attach_mode: a.attach_mode,
          connection_info: {},
        };
      },
      async attachmentComplete(ctx, attachmentId) {
        const v = state.volumes.find((x) => x.attachments.some((a) => a.id === attachmentId));
        if (!visible(ctx, v)) throw volumeNotFound(attachmentId);
        v.status = "in-use";
        v.attach_status = "attached";
      },
      async attachmentDelete(ctx, attachmentId) {
        const v = state.volumes.find((x) => x.attachments.some((a) => a.id === attachmentId));
        if (!visible(ctx, v)) throw volumeNotFound(attachmentId);
        v.attachments = v.attachments.filter((a) => a.id !== attachmentId);
        v.status = "available";
      },
      async listTypes() {
        return [
          {
            id: "10000000-0000-4000-8000-000000000001",
            name: "__DEFAULT__",
            description: "Default Volume Type",
            is_public: true,
            extra_specs: {},
            encrypted: false,
          },
        ];
      },
    },
    snapshots: {
      async create(ctx, req) {
        const v = await ops.volumes.get(ctx, req.volume_id);
        const s: SnapshotRow = {
          id: uuid(),
          user_id: ctx.userId,
          project_id: ctx.projectId,
          volume_id: v.id,
          volume_size: v.size,
          status: "available",
          progress: "100%",
          display_name: req.name ?? null,
          display_description: req.description ?? null,
          use_quota: true,
          metadata: req.metadata ?? {},
          created_at: T0 + n * 1000,
          updated_at: null,
          deleted_at: null,
          deleted: false,
        };
        state.snapshots.push(s);
        return s;
      },
      async get(ctx, id) {
        const s = state.snapshots.find((x) => x.id === id);
        if (!visible(ctx, s)) throw snapshotNotFound(id);
        return s;
      },
      async list(ctx, q) {
        return page(scoped(ctx, state.snapshots, q), q);
      },
      async delete(ctx, id) {
        const s = await ops.snapshots.get(ctx, id);
        s.deleted = true;
        s.status = "deleted";
      },
      async resetStatus(ctx, id, status) {
        const s = await ops.snapshots.get(ctx, id);
        s.status = status as SnapshotRow["status"];
      },
    },
    quotas: {
      async show(_ctx, projectId, usage) {
        const out: Record<string, unknown> = { id: projectId };
        for (const [k, limit] of Object.entries(state.quota)) {
          const inUse = k === "backups" ? state.backups.filter((b) => !b.deleted && b.project_id === projectId).length : 0;
          out[k] = usage ? { limit, in_use: inUse, reserved: 0 } : limit;
        }
        return out as { id: string };
      },
      async defaults(_ctx, projectId) {
        return { id: projectId, ...state.quota };
      },
      async update(_ctx, projectId, limits) {
        Object.assign(state.quota, limits);
        return { id: projectId, ...state.quota };
      },
      async delete(ctx) {
        if (!ctx.isAdmin) throw policyNotAuthorized("volume_extension:quotas:delete");
      },
      async limits(ctx) {
        return {
          maxTotalVolumes: state.quota["volumes"] ?? 0,
          maxTotalSnapshots: state.quota["snapshots"] ?? 0,
          maxTotalVolumeGigabytes: state.quota["gigabytes"] ?? 0,
          maxTotalBackups: state.quota["backups"] ?? 0,
          maxTotalBackupGigabytes: state.quota["backup_gigabytes"] ?? 0,
          totalVolumesUsed: 0,
          totalGigabytesUsed: 0,
          totalSnapshotsUsed: 0,
          totalBackupsUsed: state.backups.filter((b) => !b.deleted && b.project_id === ctx.projectId).length,
          totalBackupGigabytesUsed: 0,
        };
      },
    },
    services: {
      async list(_ctx, q) {
        return state.services
          .filter((s) => (q.binary === undefined || s.binary === q.binary) && (q.host === undefined || s.host === q.host))
          .map((s) => ({ ...s, state: "up" as const }));
      },
      async update(_ctx, req) {
        const s = state.services.find((x) => x.binary === req.binary && x.host === req.host);
        if (!s) throw serviceNotFound(`Service ${req.binary} could not be found on host ${req.host}.`);
        s.disabled = req.disabled;
        if (req.reason !== undefined) s.disabled_reason = req.reason;
        return s;
      },
      async availabilityZones() {
        return [{ zoneName: "az1", zoneState: { available: true } }];
      },
    },
    messages: {
      async list() {
        return [];
      },
      async get(_ctx, id) {
        throw new CinderError("MessageNotFound", 404, `Message ${id} could not be found.`);
      },
      async delete(_ctx, id) {
        throw new CinderError("MessageNotFound", 404, `Message ${id} could not be found.`);
      },
    },
  };
  state.services.push({
    id: 1,
    binary: "cinder-backup",
    host: "backup1",
    topic: "cinder-backup",
    availability_zone: "az1",
    disabled: false,
    disabled_reason: null,
    updated_at: T0,
    created_at: T0,
    report_count: 1,
    frozen: false,
    capabilities: null,
  });
  state.services.push({
    id: 2,
    binary: "cinder-volume",
    host: "vol1@lvm",
    topic: "cinder-volume",
    availability_zone: "az1",
    disabled: false,
    disabled_reason: null,
    updated_at: T0,
    created_at: T0,
    report_count: 1,
    frozen: false,
    capabilities: { backend_state: "up" },
  });

  const cloud = {
    seed: 1,
    release,
    ops,
    state,
    context(user: "admin" | "demo" | { userId: string; projectId: string; roles: string[] }, microversion = "3.0"): RequestContext {
      const u =
        user === "admin"
          ? { userId: "admin", projectId: "admin", roles: ["admin"] }
          : user === "demo"
            ? { userId: "demo", projectId: "demo", roles: ["member"] }
            : user;
      return { ...u, isAdmin: u.roles.includes("admin"), microversion: parseApiVersion(microversion), requestId: `req-fake-${++reqSeq}` };
    },
    async settle() {},
    async advance() {},
    now: () => T0,
  };
  return cloud as unknown as FakeCloud;
}
