import { authorize } from "../../api/policy.ts";
import type { Route } from "../route.ts";
import { resetStatus } from "./backup-schemas.ts";

/**
 * `POST /backups/{id}/action` (`api/contrib/admin_actions.py:BackupAdminController`). The
 * backup lookup (404) precedes the admin policy check (403); the schema precedes both.
 */
export const backupActionRoute: Route = {
  method: "POST",
  path: "backups/{id}/action",
  actions: {
    "os-reset_status": {
      schemas: [{ schema: resetStatus }],
      handler: async (call) => {
        const id = call.params["id"] as string;
        const status = ((call.body as Record<string, Record<string, string>>)["os-reset_status"] as Record<string, string>)[
          "status"
        ] as string;
        await call.cloud.ops.backups.get(call.ctx, id);
        authorize(call.ctx, "volume_extension:backup_admin_actions:reset_status");
        await call.cloud.ops.backups.resetStatus(call.ctx, id, status.toLowerCase());
        return { status: 202 };
      },
    },
    "os-force_delete": {
      handler: async (call) => {
        const id = call.params["id"] as string;
        await call.cloud.ops.backups.get(call.ctx, id);
        authorize(call.ctx, "volume_extension:backup_admin_actions:force_delete");
        await call.cloud.ops.backups.delete(call.ctx, id, true);
        return { status: 202 };
      },
    },
  },
};
