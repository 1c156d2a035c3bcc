import { CinderError } from "../../errors/cinder-errors.ts";
import type { ApiDeps } from "../backups/api-deps.ts";
import type { QuotaOperations, QuotaSetView } from "../operations.ts";
import { authorize } from "../policy.ts";

/** `os-quota-sets` (`api/contrib/quotas.py`) and `/limits` (`api/v3/limits.py`). */
export function quotaOperations(d: ApiDeps, run: <T>(label: string, fn: () => Promise<T>) => Promise<T>): QuotaOperations {
  const q = d.state.quotas;
  // quota.py:DbQuotaDriver.get_project_quotas: `defaults=False` omits the resources without a
  // project row; usages add {in_use, reserved} (no `allocated` in cinder 21.x).
  const view = (projectId: string, usage: boolean, defaults = true): QuotaSetView => {
    const out: QuotaSetView = { id: projectId };
    for (const r of q.resources()) {
      if (!defaults && !q.hasLimit(projectId, r)) continue;
      const limit = q.limit(projectId, r);
      if (!usage) out[r] = limit;
      else {
        const u = q.usage(projectId, r);
        out[r] = { limit, in_use: u.in_use, reserved: u.reserved };
      }
    }
    return out;
  };
  return {
    show: (ctx, projectId, usage, defaults = true) =>
      run("quota.show", async () => {
        // quotas.py:QuotaSetsController.show: target={'project_id': target_project_id}.
        authorize(ctx, "volume_extension:quotas:show", projectId);
        return view(projectId, usage, defaults);
      }),
    defaults: (ctx, projectId) =>
      run("quota.defaults", async () => {
        authorize(ctx, "volume_extension:quotas:show");
        const out: QuotaSetView = { id: projectId };
        for (const r of q.resources()) out[r] = q.defaults[r] ?? -1;
        return out;
      }),
    update: (ctx, projectId, limits) =>
      run("quota.update", async () => {
        authorize(ctx, "volume_extension:quotas:update");
        const known = new Set(q.resources());
        for (const [key, value] of Object.entries(limits)) {
          if (!known.has(key)) throw new CinderError("HTTPBadRequest", 400, `Bad key(s) in quota set: ${key}`);
          if (!Number.isInteger(value) || value < -1) throw new CinderError("HTTPBadRequest", 400, `Quota limit must be -1 or greater.`);
          if (key === "per_volume_gigabytes" || value === -1) continue;
          // quotas.py:QuotaSetsController.update checks usage only against get_project_quotas(
          // defaults=False): a resource still at its default limit is never "below usage".
          if (!q.hasLimit(projectId, key)) continue;
          const u = q.usage(projectId, key);
          if (value < u.in_use + u.reserved) {
            throw new CinderError(
              "HTTPBadRequest",
              400,
              `Quota ${key} limit must be equal or greater than existing resources. Current usage is ${u.in_use + u.reserved} and the requested limit is ${value}.`,
            );
          }
        }
        for (const [key, value] of Object.entries(limits)) q.setLimit(projectId, key, value);
        d.api.trace({
          flow: "quota",
          kind: "state",
          event: { type: "note", text: `quota of ${projectId} updated`, subjects: [] },
          detail: { ...limits },
        });
        return view(projectId, false);
      }),
    // contrib/quotas.py:delete → db.quota_destroy_by_project: the limits go, usage and
    // reservations stay (cinder 21.x).
    delete: (ctx, projectId) =>
      run("quota.delete", async () => {
        authorize(ctx, "volume_extension:quotas:delete");
        q.clearLimits(projectId);
        d.api.trace({
          flow: "quota",
          kind: "state",
          event: { type: "note", text: `quota of ${projectId} deleted (defaults apply)`, subjects: [projectId] },
        });
      }),
    limits: (ctx) =>
      run("limits", async () => {
        const p = ctx.projectId;
        const used = (r: string) => q.usage(p, r).in_use;
        return {
          maxTotalVolumes: q.limit(p, "volumes"),
          maxTotalSnapshots: q.limit(p, "snapshots"),
          maxTotalVolumeGigabytes: q.limit(p, "gigabytes"),
          maxTotalBackups: q.limit(p, "backups"),
          maxTotalBackupGigabytes: q.limit(p, "backup_gigabytes"),
          totalVolumesUsed: used("volumes"),
          totalSnapshotsUsed: used("snapshots"),
          totalGigabytesUsed: used("gigabytes"),
          totalBackupsUsed: used("backups"),
          totalBackupGigabytesUsed: used("backup_gigabytes"),
        };
      }),
  };
}
