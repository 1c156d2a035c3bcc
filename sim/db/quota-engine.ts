import { quotaError } from "../errors/cinder-errors.ts";

/**
 * Quota usages and reservations (`cinder/quota.py:QuotaEngine` with `DbQuotaDriver`).
 * Reserve checks `limit < in_use + reserved + delta` for positive deltas against limits ≥ 0
 * (−1 = unlimited); commit moves reserved into in_use; rollback releases it.
 */
export const DEFAULT_QUOTAS: Readonly<Record<string, number>> = {
  volumes: 10,
  snapshots: 10,
  gigabytes: 1000,
  backups: 10,
  backup_gigabytes: 1000,
  groups: 10,
  per_volume_gigabytes: -1,
};

export interface Reservation {
  readonly projectId: string;
  readonly deltas: Readonly<Record<string, number>>;
}

export class QuotaEngine {
  /** project → resource → limit (absent = class default). */
  readonly #limits = new Map<string, Record<string, number>>();
  readonly #usage = new Map<string, Record<string, { in_use: number; reserved: number }>>();
  readonly defaults: Record<string, number>;

  constructor(
    defaults: Record<string, number> = DEFAULT_QUOTAS,
    readonly typeNames: () => string[] = () => [],
  ) {
    this.defaults = { ...defaults };
  }

  /** Resource names shown by `os-quota-sets` (per volume type keys included). */
  resources(): string[] {
    const perType = this.typeNames().flatMap((t) => [`volumes_${t}`, `snapshots_${t}`, `gigabytes_${t}`]);
    return [...Object.keys(this.defaults), ...perType];
  }

  limit(projectId: string, resource: string): number {
    return this.#limits.get(projectId)?.[resource] ?? this.defaults[resource] ?? -1;
  }

  /** Whether the project has its own limit for the resource (a `quotas` row, not the class default). */
  hasLimit(projectId: string, resource: string): boolean {
    return this.#limits.get(projectId)?.[resource] !== undefined;
  }

  setLimit(projectId: string, resource: string, value: number): void {
    const l = this.#limits.get(projectId) ?? {};
    l[resource] = value;
    this.#limits.set(projectId, l);
  }

  /** `quota_destroy_by_project`: the project's own limits go; usage and reservations stay. */
  clearLimits(projectId: string): void {
    this.#limits.delete(projectId);
  }

  usage(projectId: string, resource: string): { in_use: number; reserved: number } {
    let p = this.#usage.get(projectId);
    if (!p) this.#usage.set(projectId, (p = {}));
    return (p[resource] ??= { in_use: 0, reserved: 0 });
  }

  /** Reserves deltas or throws the resource-specific 413 built by `overQuota`. */
  reserve(projectId: string, deltas: Record<string, number>, overQuota: (over: string[], q: QuotaEngine) => Error): Reservation {
    const over: string[] = [];
    for (const [res, delta] of Object.entries(deltas)) {
      const limit = this.limit(projectId, res);
      const u = this.usage(projectId, res);
      if (limit >= 0 && delta > 0 && limit < u.in_use + u.reserved + delta) over.push(res);
    }
    if (over.length) throw overQuota(over, this);
    for (const [res, delta] of Object.entries(deltas)) if (delta > 0) this.usage(projectId, res).reserved += delta;
    return { projectId, deltas: { ...deltas } };
  }

  commit(r: Reservation): void {
    for (const [res, delta] of Object.entries(r.deltas)) {
      const u = this.usage(r.projectId, res);
      if (delta > 0) u.reserved -= delta;
      u.in_use = Math.max(0, u.in_use + delta);
    }
  }

  /** Undoes committed deltas without a limit check (`QUOTAS.rollback` of committed usage, as `_retype_error`). */
  revert(projectId: string, deltas: Record<string, number>): void {
    for (const [res, delta] of Object.entries(deltas)) {
      const u = this.usage(projectId, res);
      u.in_use = Math.max(0, u.in_use - delta);
    }
  }

  rollback(r: Reservation): void {
    for (const [res, delta] of Object.entries(r.deltas)) if (delta > 0) this.usage(r.projectId, res).reserved -= delta;
  }

  /** Forgets every usage of these resources (database loss). */
  resetUsage(resources: string[]): void {
    for (const p of this.#usage.values()) for (const r of resources) delete p[r];
  }
}

/** 413s of `backup/api.py:API.create` (`backups` is checked first). */
export function backupOverQuota(size: number, projectId: string) {
  return (over: string[], q: QuotaEngine): Error => {
    if (over.includes("backups")) {
      return quotaError("BackupLimitExceeded", `Maximum number of backups allowed (${q.limit(projectId, "backups")}) exceeded`);
    }
    const u = q.usage(projectId, "backup_gigabytes");
    return quotaError(
      "VolumeBackupSizeExceedsAvailableQuota",
      `Requested backup exceeds allowed Backup gigabytes quota. Requested ${size}G, quota is ${q.limit(projectId, "backup_gigabytes")}G and ${u.in_use + u.reserved}G has been consumed.`,
    );
  };
}

/** 413s of `volume_utils.process_reserve_over_quota` for volumes and snapshots. */
export function volumeOverQuota(size: number, projectId: string, kind: "volume" | "snapshot") {
  return (over: string[], q: QuotaEngine): Error => {
    for (const res of over) {
      if (res === "gigabytes" || res.startsWith("gigabytes_")) {
        const u = q.usage(projectId, res);
        return quotaError(
          "VolumeSizeExceedsAvailableQuota",
          `Requested volume or snapshot exceeds allowed ${res} quota. Requested ${size}G, quota is ${q.limit(projectId, res)}G and ${u.in_use + u.reserved}G has been consumed.`,
        );
      }
    }
    const res = over[0] ?? (kind === "volume" ? "volumes" : "snapshots");
    if (kind === "volume") {
      return quotaError(
        "VolumeLimitExceeded",
        `Maximum number of volumes allowed (${q.limit(projectId, res)}) exceeded for quota '${res}'.`,
      );
    }
    return quotaError("SnapshotLimitExceeded", `Maximum number of snapshots allowed (${q.limit(projectId, res)}) exceeded`);
  };
}
