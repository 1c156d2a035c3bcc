import { policyNotAuthorized } from "../errors/cinder-errors.ts";
import type { RequestContext } from "./request-context.ts";

/** Default policies (`cinder/policies/*.py`): these rules are `rule:admin_api`. */
export const ADMIN_ONLY = new Set([
  "backup:backup-import",
  "backup:export-import",
  "volume_extension:backup_admin_actions:reset_status",
  "volume_extension:backup_admin_actions:force_delete",
  "volume_extension:volume_admin_actions:reset_status",
  "volume_extension:volume_admin_actions:force_delete",
  "volume_extension:snapshot_admin_actions:reset_status",
  "volume_extension:quotas:update",
  "volume_extension:quotas:delete",
  "volume_extension:services:index",
  "volume_extension:services:update",
]);

/** `context.authorize(policy)`: 403 "Policy doesn't allow X to be performed." */
export function authorize(ctx: RequestContext, policy: string): void {
  if (ADMIN_ONLY.has(policy) && !ctx.isAdmin) throw policyNotAuthorized(policy);
}

/** Project scoping of `model_query(..., project_only=True)`: admins see every project. */
export function visible(ctx: RequestContext, row: { project_id: string }): boolean {
  return ctx.isAdmin || row.project_id === ctx.projectId;
}
