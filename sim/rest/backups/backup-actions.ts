import { POLICY, authorizeAdmin } from "../policy.ts";
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
        const status = ((call.body as Record<string, Record<string, string>>)["os-reset_status"] as Record<string, string>)["status"] as string;
        await call.cloud.ops.backups.get(call.ctx, id);
        authorizeAdmin(call.ctx, POLICY.backupResetStatus);
        await call.cloud.ops.backups.resetStatus(call.ctx, id, status.toLowerCase());
        return { status: 202 };
      },
    },
    "os-force_delete": {
      handler: async (call) => {
        const id = call.params["id"] as string;
        await call.cloud.ops.backups.get(call.ctx, id);
        authorizeAdmin(call.ctx, POLICY.backupForceDelete);
        await call.cloud.ops.backups.delete(call.ctx, id, true);
        return { status: 202 };
      },
    },
  },
};
