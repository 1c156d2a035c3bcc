import { volumeOverQuota } from "../../db/quota-engine.ts";
import type { SnapshotRow } from "../../db/rows.ts";
import { invalidInput, invalidSnapshot, invalidVolume, snapshotNotFound } from "../../errors/cinder-errors.ts";
import type { ApiDeps } from "../backups/api-deps.ts";
import { getSnapshot, getVolume } from "../backups/lookups.ts";
import { applyListQuery } from "../list-query.ts";
import type { SnapshotOperations } from "../operations.ts";
import { authorize } from "../policy.ts";
import { atLeast } from "../request-context.ts";

const SNAPSHOT_RESET = new Set(["available", "error", "creating", "deleting", "error_deleting", "backing-up"]);

/** Snapshots (`volume/api.py:create_snapshot`, `delete_snapshot`): quota `snapshots` and `gigabytes`. */
export function snapshotOperations(d: ApiDeps, run: <T>(label: string, fn: () => Promise<T>) => Promise<T>): SnapshotOperations {
  const { state, api } = d;
  return {
    create: (ctx, req) =>
      run("snapshot.create", async () => {
        const v = getVolume(d, ctx, req.volume_id);
        authorize(ctx, "volume:create_snapshot");
        if (!v.host) throw invalidVolume("The snapshot cannot be created because volume has not been scheduled to any host.");
        if (v.status === "error") throw invalidVolume("The snapshot cannot be created when the volume is in error status.");
        const valid = req.force || atLeast(ctx.microversion, 66) ? ["available", "in-use"] : ["available"];
        if (!valid.includes(v.status))
          throw invalidVolume(`Volume ${v.id} status must be ${valid.join(", ")}, but current status is: ${v.status}.`);
        const r = state.quotas.reserve(
          ctx.projectId,
          { snapshots: 1, gigabytes: v.size },
          volumeOverQuota(v.size, ctx.projectId, "snapshot"),
        );
        const now = state.clock.now();
        const s: SnapshotRow = {
          id: state.ids.uuid(),
          user_id: ctx.userId,
          project_id: ctx.projectId,
          volume_id: v.id,
          volume_size: v.size,
          status: "creating",
          progress: "0%",
          display_name: req.name ?? null,
          display_description: req.description ?? null,
          use_quota: true,
          metadata: { ...(req.metadata ?? {}) },
          created_at: now,
          updated_at: null,
          deleted_at: null,
          deleted: false,
        };
        state.db.snapshots.insert(s);
        state.quotas.commit(r);
        api.trace({
          flow: "snapshot",
          kind: "state",
          event: { type: "note", text: `snapshot ${s.id} creating of volume ${v.id}`, subjects: [s.id, v.id] },
        });
        api.cast(v.host, "cinder-volume", "create_snapshot", { snapshot_id: s.id }, { flow: "snapshot" });
        return s;
      }),
    get: (ctx, id) =>
      run("snapshot.get", async () => {
        authorize(ctx, "volume:get_snapshot");
        return getSnapshot(d, ctx, id);
      }),
    list: (ctx, q) =>
      run("snapshot.list", async () => {
        const all = ctx.isAdmin && q.allTenants;
        const rows = state.db.snapshots.filterLive((s) => all || s.project_id === ctx.projectId);
        return applyListQuery(
          rows,
          q,
          (s, k) => (k === "name" ? s.display_name : (s as unknown as Record<string, unknown>)[k]),
          state.config.osapi_max_limit,
          snapshotNotFound,
        );
      }),
    delete: (ctx, id) =>
      run("snapshot.delete", async () => {
        const s = getSnapshot(d, ctx, id);
        authorize(ctx, "volume:delete_snapshot");
        if (!["available", "error", "error_deleting"].includes(s.status)) {
          throw invalidSnapshot("Volume Snapshot status must be available or error and must not be part of a group.");
        }
        state.db.update(s, { status: "deleting" });
        const host = state.db.volumes.getAny(s.volume_id)?.host;
        if (host) api.cast(host, "cinder-volume", "delete_snapshot", { snapshot_id: s.id }, { flow: "snapshot" });
      }),
    resetStatus: (ctx, id, status) =>
      run("snapshot.reset", async () => {
        authorize(ctx, "volume_extension:snapshot_admin_actions:reset_status");
        if (!SNAPSHOT_RESET.has(status.toLowerCase())) throw invalidInput("Must specify a valid status");
        const s = getSnapshot(d, ctx, id);
        state.db.update(s, { status: status.toLowerCase() as SnapshotRow["status"] });
      }),
  };
}
