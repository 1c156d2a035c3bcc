import { badRequest } from "../faults.ts";
import { authorize } from "../../api/policy.ts";
import type { Route } from "../route.ts";
import { uploadImage } from "./upload-image.ts";
import * as schema from "./volume-schemas.ts";

type Body = Record<string, Record<string, unknown> | null>;

/**
 * `POST /volumes/{id}/action`: `os-reset_status` and `os-force_delete`
 * (`contrib/admin_actions.py:VolumeAdminController`, admin), `os-extend`, `os-retype`,
 * `os-attach` / `os-detach`, `os-volume_upload_image` (`contrib/volume_actions.py`, owner). Lookups (404) precede policy checks (403).
 */
export const volumeActionRoute: Route = {
  method: "POST",
  path: "volumes/{id}/action",
  actions: {
    "os-reset_status": {
      schemas: [{ schema: schema.resetStatus }],
      handler: async (call) => {
        const id = call.params["id"] as string;
        const b = (call.body as Body)["os-reset_status"] as Record<string, string | null>;
        const volume = await call.cloud.ops.volumes.get(call.ctx, id);
        authorize(call.ctx, "volume_extension:volume_admin_actions:reset_status");
        const req: { status?: string; attach_status?: string } = {};
        if (b["status"]) req.status = b["status"].toLowerCase();
        if (b["attach_status"]) req.attach_status = b["attach_status"].toLowerCase();
        // VolumeAdminController._reset_status: cinder's tuple lacks a comma, so only "deleting" is refused.
        if (req.status === "deleting") throw badRequest("Cannot reset-state to deleting");
        if (req.status === "in-use" && volume.attachments.length === 0) {
          throw badRequest("Cannot reset-state to in-use because volume does not have any attachments.");
        }
        await call.cloud.ops.volumes.resetStatus(call.ctx, id, req);
        return { status: 202 };
      },
    },
    "os-force_delete": {
      handler: async (call) => {
        const id = call.params["id"] as string;
        await call.cloud.ops.volumes.get(call.ctx, id);
        authorize(call.ctx, "volume_extension:volume_admin_actions:force_delete");
        await call.cloud.ops.volumes.delete(call.ctx, id, { force: true });
        return { status: 202 };
      },
    },
    // contrib/volume_actions.py:_extend: get (404), `int(new_size)`, then volume/api.py (policy
    // `volume:extend`, or `volume:extend_attached_volume` for in-use from 3.42); 202.
    "os-extend": {
      schemas: [{ schema: schema.extend }],
      handler: async (call) => {
        const id = call.params["id"] as string;
        const e = (call.body as Body)["os-extend"] as Record<string, unknown>;
        await call.cloud.ops.volumes.get(call.ctx, id);
        await call.cloud.ops.volumes.extend(call.ctx, id, Number(e["new_size"]));
        return { status: 202 };
      },
    },
    // contrib/volume_actions.py:_retype → volume/api.py:API.retype; 202.
    "os-retype": {
      schemas: [{ schema: schema.retype }],
      handler: async (call) => {
        const id = call.params["id"] as string;
        const r = (call.body as Body)["os-retype"] as Record<string, unknown>;
        await call.cloud.ops.volumes.get(call.ctx, id);
        await call.cloud.ops.volumes.retype(
          call.ctx,
          id,
          r["new_type"] as string,
          (r["migration_policy"] ?? null) as "never" | "on-demand" | null,
        );
        return { status: 202 };
      },
    },
    "os-volume_upload_image": {
      schemas: [
        { schema: schema.uploadImage, max: 0 },
        { schema: schema.uploadImageV31, min: 1 },
      ],
      handler: uploadImage,
    },
    "os-attach": {
      schemas: [{ schema: schema.attach }],
      handler: async (call) => {
        const id = call.params["id"] as string;
        const a = (call.body as Body)["os-attach"] as Record<string, string>;
        await call.cloud.ops.volumes.get(call.ctx, id);
        await call.cloud.ops.volumes.attach(call.ctx, id, {
          instance_uuid: a["instance_uuid"] ?? null,
          host_name: a["host_name"] ?? null,
          mountpoint: a["mountpoint"] as string,
          mode: (a["mode"] ?? "rw") as "rw" | "ro",
        });
        return { status: 202 };
      },
    },
    "os-detach": {
      schemas: [{ schema: schema.detach }],
      handler: async (call) => {
        const id = call.params["id"] as string;
        const d = (call.body as Body)["os-detach"];
        await call.cloud.ops.volumes.get(call.ctx, id);
        await call.cloud.ops.volumes.detach(call.ctx, id, { attachment_id: (d?.["attachment_id"] ?? null) as string | null });
        return { status: 202 };
      },
    },
  },
};
