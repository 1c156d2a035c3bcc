import type { RequestContext } from "../api/request-context.ts";
import { policyFault } from "./faults.ts";

/**
 * cinder's default policies in Zed (`cinder/policies/*.py`, `enforce_new_defaults=False`, so the
 * deprecated rules apply): `rule:admin_api` = the admin role; `rule:admin_or_owner` = admin, or
 * the target's project is the caller's.
 */
export function authorizeAdmin(ctx: RequestContext, action: string): void {
  if (!ctx.isAdmin) throw policyFault(action);
}

export function authorizeOwner(ctx: RequestContext, action: string, targetProjectId: string = ctx.projectId): void {
  if (!ctx.isAdmin && targetProjectId !== ctx.projectId) throw policyFault(action);
}

export const POLICY = {
  backupExport: "backup:export-import",
  backupImport: "backup:backup-import",
  backupResetStatus: "volume_extension:backup_admin_actions:reset_status",
  backupForceDelete: "volume_extension:backup_admin_actions:force_delete",
  backupAttributes: "backup:backup_project_attribute",
  volumeResetStatus: "volume_extension:volume_admin_actions:reset_status",
  volumeForceDelete: "volume_extension:volume_admin_actions:force_delete",
  snapshotResetStatus: "volume_extension:snapshot_admin_actions:reset_status",
  quotaShow: "volume_extension:quotas:show",
  quotaUpdate: "volume_extension:quotas:update",
  servicesIndex: "volume_extension:services:index",
  servicesUpdate: "volume_extension:services:update",
  quotaDelete: "volume_extension:quotas:delete",
  messageGetAll: "message:get_all",
  messageGet: "message:get",
  messageDelete: "message:delete",
  volumeExtend: "volume:extend",
  volumeRetype: "volume:retype",
  volumeTenantAttribute: "volume_extension:volume_tenant_attribute",
  volumeHostAttribute: "volume_extension:volume_host_attribute",
} as const;
