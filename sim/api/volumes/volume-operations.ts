import type { VolumeRow } from "../../db/rows.ts";
import type { ApiDeps } from "../backups/api-deps.ts";
import { getVolume } from "../backups/lookups.ts";
import { applyListQuery } from "../list-query.ts";
import { volumeNotFound } from "../../errors/cinder-errors.ts";
import type { ListQuery, VolumeOperations } from "../operations.ts";
import { authorize } from "../policy.ts";
import type { RequestContext } from "../request-context.ts";
import { attachmentComplete, attachmentCreate, attachmentDelete } from "./attachments.ts";
import { createVolumeRow } from "./create-volume.ts";
import { copyVolumeToImage } from "./copy-volume-to-image.ts";
import { extendVolume } from "./extend-volume.ts";
import { retypeVolume } from "./retype-volume.ts";
import { attachVolume, deleteVolume, detachVolume, resetVolumeStatus } from "./volume-actions.ts";

/** `VolumeOperations` of cinder-api (each call runs inside the simulation via `run`). */
export function volumeOperations(d: ApiDeps, run: <T>(label: string, fn: () => Promise<T>) => Promise<T>): VolumeOperations {
  return {
    create: (ctx, req) => run("volume.create", () => createVolumeRow(d, ctx, req)),
    get: (ctx, id) =>
      run("volume.get", async () => {
        authorize(ctx, "volume:get");
        return getVolume(d, ctx, id);
      }),
    list: (ctx, q) => run("volume.list", async () => listVolumes(d, ctx, q)),
    update: (ctx, id, req) =>
      run("volume.update", async () => {
        const v = getVolume(d, ctx, id);
        authorize(ctx, "volume:update");
        const values: Partial<VolumeRow> = {};
        if (req.name !== undefined) values.display_name = req.name;
        if (req.description !== undefined) values.display_description = req.description;
        if (req.metadata !== undefined) values.metadata = { ...req.metadata };
        return d.state.db.update(v, values);
      }),
    delete: (ctx, id, opts) => run("volume.delete", () => deleteVolume(d, ctx, id, opts)),
    resetStatus: (ctx, id, req) => run("volume.reset", () => resetVolumeStatus(d, ctx, id, req)),
    extend: (ctx, id, newSize) => run("volume.extend", () => extendVolume(d, ctx, id, newSize)),
    copyToImage: (ctx, id, req) => run("volume.upload", () => copyVolumeToImage(d, ctx, id, req)),
    retype: (ctx, id, newType, policy) => run("volume.retype", () => retypeVolume(d, ctx, id, newType, policy)),
    attach: (ctx, id, req) => run("volume.attach", () => attachVolume(d, ctx, id, req)),
    detach: (ctx, id, req) => run("volume.detach", () => detachVolume(d, ctx, id, req)),
    attachmentCreate: (ctx, req) => run("attachment.create", () => attachmentCreate(d, ctx, req)),
    attachmentComplete: (ctx, id) => run("attachment.complete", () => attachmentComplete(d, ctx, id)),
    attachmentDelete: (ctx, id) => run("attachment.delete", () => attachmentDelete(d, ctx, id)),
    listTypes: async () =>
      d.state.db.volumeTypes.all().map((t) => ({
        id: t.id,
        name: t.name,
        description: t.description,
        is_public: t.is_public,
        extra_specs: { ...t.extra_specs },
        encrypted: t.encrypted,
      })),
  };
}

function listVolumes(d: ApiDeps, ctx: RequestContext, q: ListQuery) {
  authorize(ctx, "volume:get_all");
  const all = ctx.isAdmin && q.allTenants;
  const rows = d.state.db.volumes.filterLive((v) => all || v.project_id === ctx.projectId);
  return applyListQuery(
    rows,
    q,
    (v, k) => (k === "name" ? v.display_name : k === "description" ? v.display_description : (v as unknown as Record<string, unknown>)[k]),
    d.state.config.osapi_max_limit,
    volumeNotFound,
  );
}
