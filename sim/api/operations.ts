import type { UserMessage } from "../kernel/user-messages.ts";
import type { BackupRow, BackupStatus, ServiceRow, SnapshotRow, VolumeRow, VolumeStatus } from "../db/rows.ts";
import type { RequestContext } from "./request-context.ts";

/**
 * The domain operations of cinder-api for the simulated cloud (`cinder/backup/api.py:API`,
 * `cinder/volume/api.py:API`, `cinder/quota.py`). They validate as cinder does and throw
 * `CinderError` (status code + cinder's message). Body schemas and views live in the REST layer
 * (sim/rest/), which calls these after schema validation.
 */
export interface BackupOperations {
  create(ctx: RequestContext, req: BackupCreateRequest): Promise<BackupRow>;
  get(ctx: RequestContext, id: string): Promise<BackupRow>;
  /** Filters are already checked by the REST layer against the microversion's allowed keys. */
  list(ctx: RequestContext, q: ListQuery): Promise<{ items: BackupRow[]; count: number }>;
  update(
    ctx: RequestContext,
    id: string,
    req: { name?: string | null; description?: string | null; metadata?: Record<string, string> },
  ): Promise<BackupRow>;
  delete(ctx: RequestContext, id: string, force: boolean): Promise<void>;
  restore(
    ctx: RequestContext,
    id: string,
    req: { volume_id?: string | null; name?: string | null },
  ): Promise<{ backup_id: string; volume_id: string; volume_name: string | null }>;
  exportRecord(ctx: RequestContext, id: string): Promise<{ backup_service: string; backup_url: string }>;
  importRecord(ctx: RequestContext, backupService: string, backupUrl: string): Promise<BackupRow>;
  resetStatus(ctx: RequestContext, id: string, status: string): Promise<void>;
}

export interface BackupCreateRequest {
  volume_id: string;
  container?: string | null;
  name?: string | null;
  description?: string | null;
  incremental?: boolean;
  force?: boolean;
  snapshot_id?: string | null;
  metadata?: Record<string, string>;
  availability_zone?: string | null;
}

export interface ListQuery {
  filters: Record<string, string>;
  allTenants: boolean;
  /** e.g. [["created_at","desc"]] */
  sort: Array<[string, "asc" | "desc"]>;
  limit?: number;
  marker?: string;
  offset?: number;
}

export interface VolumeOperations {
  create(ctx: RequestContext, req: VolumeCreateRequest): Promise<VolumeRow>;
  get(ctx: RequestContext, id: string): Promise<VolumeRow>;
  list(ctx: RequestContext, q: ListQuery): Promise<{ items: VolumeRow[]; count: number }>;
  update(
    ctx: RequestContext,
    id: string,
    req: { name?: string | null; description?: string | null; metadata?: Record<string, string> },
  ): Promise<VolumeRow>;
  delete(ctx: RequestContext, id: string, opts: { cascade?: boolean; force?: boolean }): Promise<void>;
  /** `os-reset_status` (admin): status / attach_status / migration_status. */
  resetStatus(ctx: RequestContext, id: string, req: { status?: string; attach_status?: string }): Promise<void>;
  /** `os-extend`: `extending`, then the volume host grows it (3.42+: `in-use` too). */
  extend(ctx: RequestContext, id: string, newSize: number): Promise<void>;
  /** `os-volume_upload_image`: `uploading`, then the volume host copies it and restores the status. */
  copyToImage(ctx: RequestContext, id: string, req: { image_id: string; force: boolean }): Promise<void>;
  /** `os-retype`: `retyping`, then the volume host retypes in place or reverts. */
  retype(ctx: RequestContext, id: string, newType: string, migrationPolicy: "never" | "on-demand" | null): Promise<void>;
  /** `os-attach` (instance or host attach, volume becomes `in-use`). */
  attach(
    ctx: RequestContext,
    id: string,
    req: { instance_uuid?: string | null; host_name?: string | null; mountpoint: string; mode?: "rw" | "ro" },
  ): Promise<void>;
  /** `os-detach` (all or one attachment). */
  detach(ctx: RequestContext, id: string, req: { attachment_id?: string | null }): Promise<void>;
  /** Attachments API (3.27+): reserve, then complete (3.44) makes the volume `in-use`. */
  attachmentCreate(
    ctx: RequestContext,
    req: { volume_id: string; instance_uuid?: string | null; connector?: Record<string, unknown> | null; mode?: "rw" | "ro" },
  ): Promise<{
    id: string;
    volume_id: string;
    instance: string | null;
    status: string;
    attach_mode: string;
    connection_info: Record<string, unknown>;
  }>;
  attachmentComplete(ctx: RequestContext, attachmentId: string): Promise<void>;
  attachmentDelete(ctx: RequestContext, attachmentId: string): Promise<void>;
  listTypes(ctx: RequestContext): Promise<
    Array<{
      id: string;
      name: string;
      description: string | null;
      is_public: boolean;
      extra_specs: Record<string, string>;
      encrypted: boolean;
    }>
  >;
}

export interface VolumeCreateRequest {
  size: number;
  name?: string | null;
  description?: string | null;
  volume_type?: string | null;
  availability_zone?: string | null;
  snapshot_id?: string | null;
  source_volid?: string | null;
  /** 3.47: create the volume from a backup. */
  backup_id?: string | null;
  metadata?: Record<string, string>;
}

export interface SnapshotOperations {
  create(
    ctx: RequestContext,
    req: { volume_id: string; name?: string | null; description?: string | null; force?: boolean; metadata?: Record<string, string> },
  ): Promise<SnapshotRow>;
  get(ctx: RequestContext, id: string): Promise<SnapshotRow>;
  list(ctx: RequestContext, q: ListQuery): Promise<{ items: SnapshotRow[]; count: number }>;
  delete(ctx: RequestContext, id: string): Promise<void>;
  resetStatus(ctx: RequestContext, id: string, status: string): Promise<void>;
}

export interface QuotaSetView {
  id: string;
  /** resource → limit, or with usage → { limit, in_use, reserved } (quota.py:DbQuotaDriver.get_project_quotas:
   *  no `allocated`, which only the nested quota driver, gone before Zed, reported) */
  [resource: string]: unknown;
}

export interface QuotaOperations {
  /** `defaults: false` (quota.py:get_project_quotas) keeps only the resources the project has its own limit for. */
  show(ctx: RequestContext, projectId: string, usage: boolean, defaults?: boolean): Promise<QuotaSetView>;
  defaults(ctx: RequestContext, projectId: string): Promise<QuotaSetView>;
  update(ctx: RequestContext, projectId: string, limits: Record<string, number>): Promise<QuotaSetView>;
  /** `DELETE /os-quota-sets/{project}` (admin): the project's limits revert to the defaults. */
  delete(ctx: RequestContext, projectId: string): Promise<void>;
  /** Limits API (`/limits`): absolute limits of the caller's project. */
  limits(ctx: RequestContext): Promise<Record<string, number>>;
}

export interface ServiceOperations {
  /** `os-services` list (admin): `{binary, host, zone, status, state, updated_at, ...}`. */
  list(ctx: RequestContext, q: { binary?: string; host?: string }): Promise<Array<ServiceRow & { state: "up" | "down" }>>;
  /** `PUT /os-services/enable|disable|disable-log-reason` (admin). */
  update(ctx: RequestContext, req: { host: string; binary: string; disabled: boolean; reason?: string | null }): Promise<ServiceRow>;
  /** Availability zones with at least one enabled service (`os-availability-zone`). */
  availabilityZones(ctx: RequestContext): Promise<Array<{ zoneName: string; zoneState: { available: boolean } }>>;
}

/** User messages (`api/v3/messages.py`, 3.3+): cinder's account of asynchronous failures. */
export interface MessageOperations {
  list(ctx: RequestContext): Promise<UserMessage[]>;
  get(ctx: RequestContext, id: string): Promise<UserMessage>;
  delete(ctx: RequestContext, id: string): Promise<void>;
}

/** Everything the REST layer calls. */
export interface CinderOperations {
  readonly backups: BackupOperations;
  readonly volumes: VolumeOperations;
  readonly snapshots: SnapshotOperations;
  readonly quotas: QuotaOperations;
  readonly services: ServiceOperations;
  readonly messages: MessageOperations;
}

export type { BackupStatus, VolumeStatus };
