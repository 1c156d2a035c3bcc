import { policyNotAuthorized } from "../errors/cinder-errors.ts";
import type { RequestContext } from "./request-context.ts";

/**
 * The one policy table: each default policy this simulator enforces and the rule guarding it in
 * cinder 21.3.1 (`cinder/policies/*.py`; `enforce_new_defaults=False`, so the deprecated check
 * strings apply). `rule:admin_api` is the admin role; `rule:admin_or_owner` is admin, or the
 * target's project is the caller's; `""` lets anyone through. Both the API layer and the REST
 * routes (actions and view attributes) authorize through it.
 */
export const POLICIES = {
  // policies/backups.py, backup_actions.py
  "backup:create": "",
  "backup:get": "rule:admin_or_owner",
  "backup:get_all": "rule:admin_or_owner",
  "backup:update": "rule:admin_or_owner",
  "backup:delete": "rule:admin_or_owner",
  "backup:restore": "rule:admin_or_owner",
  "backup:export-import": "rule:admin_api",
  "backup:backup-import": "rule:admin_api",
  "backup:backup_project_attribute": "rule:admin_api",
  "volume_extension:backup_admin_actions:reset_status": "rule:admin_api",
  "volume_extension:backup_admin_actions:force_delete": "rule:admin_api",
  // policies/volumes.py, volume_actions.py
  "volume:create": "",
  "volume:get": "rule:admin_or_owner",
  "volume:get_all": "rule:admin_or_owner",
  "volume:update": "rule:admin_or_owner",
  "volume:delete": "rule:admin_or_owner",
  "volume:force_delete": "rule:admin_api",
  "volume_extension:volume_tenant_attribute": "rule:admin_or_owner",
  "volume_extension:volume_host_attribute": "rule:admin_api",
  "volume_extension:volume_mig_status_attribute": "rule:admin_api",
  "volume_extension:volume_admin_actions:reset_status": "rule:admin_api",
  "volume_extension:volume_admin_actions:force_delete": "rule:admin_api",
  "volume_extension:volume_actions:attach": "rule:admin_or_owner",
  "volume_extension:volume_actions:detach": "rule:admin_or_owner",
  "volume:extend": "rule:admin_or_owner",
  "volume:extend_attached_volume": "rule:admin_or_owner",
  "volume:retype": "rule:admin_or_owner",
  "volume_extension:volume_actions:upload_image": "rule:admin_or_owner",
  "volume_extension:volume_type_encryption:get": "rule:admin_api",
  // policies/snapshots.py, snapshot_actions.py
  "volume:create_snapshot": "rule:admin_or_owner",
  "volume:get_snapshot": "rule:admin_or_owner",
  "volume:delete_snapshot": "rule:admin_or_owner",
  "volume_extension:snapshot_admin_actions:reset_status": "rule:admin_api",
  // policies/quotas.py, services.py
  "volume_extension:quotas:show": "rule:admin_or_owner",
  "volume_extension:quotas:update": "rule:admin_api",
  "volume_extension:quotas:delete": "rule:admin_api",
  "volume_extension:services:index": "rule:admin_api",
  "volume_extension:services:update": "rule:admin_api",
  // policies/messages.py
  "message:get_all": "rule:admin_or_owner",
  "message:get": "rule:admin_or_owner",
  "message:delete": "rule:admin_or_owner",
} as const satisfies Record<string, "rule:admin_api" | "rule:admin_or_owner" | "">;

export type PolicyName = keyof typeof POLICIES;

/**
 * `context.authorize(policy, target_obj)`: 403 "Policy doesn't allow X to be performed." The
 * target's project defaults to the caller's, as cinder's `{'project_id': context.project_id}`.
 */
export function authorize(ctx: RequestContext, policy: PolicyName, targetProjectId: string = ctx.projectId): void {
  if (!allowed(ctx, policy, targetProjectId)) throw policyNotAuthorized(policy);
}

/** `context.authorize(..., fatal=False)`: whether the policy lets the caller through. */
export function allowed(ctx: RequestContext, policy: PolicyName, targetProjectId: string = ctx.projectId): boolean {
  const rule = POLICIES[policy];
  return rule === "" || ctx.isAdmin || (rule === "rule:admin_or_owner" && targetProjectId === ctx.projectId);
}

/** Project scoping of `model_query(..., project_only=True)`: admins see every project. */
export function visible(ctx: RequestContext, row: { project_id: string }): boolean {
  return ctx.isAdmin || row.project_id === ctx.projectId;
}
