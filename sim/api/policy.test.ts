import { describe, expect, it } from "vitest";
import { CinderError } from "../errors/cinder-errors.ts";
import { POLICIES, allowed, authorize, type PolicyName } from "./policy.ts";
import type { RequestContext } from "./request-context.ts";

const ctx = (isAdmin: boolean): RequestContext => ({
  userId: "u",
  projectId: "p1",
  roles: isAdmin ? ["admin"] : ["member"],
  isAdmin,
  microversion: { major: 3, minor: 0 },
  requestId: "req-1",
});

function denied(c: RequestContext, policy: PolicyName, target?: string): string | undefined {
  try {
    authorize(c, policy, target);
    return undefined;
  } catch (e) {
    if (!(e instanceof CinderError)) throw e;
    expect(e.httpCode).toBe(403);
    return e.message;
  }
}

describe("the policy table (cinder/policies/*.py, Zed defaults)", () => {
  it("rule:admin_api refuses a member with cinder's message, whatever the target", () => {
    expect(denied(ctx(false), "backup:export-import")).toBe("Policy doesn't allow backup:export-import to be performed.");
    expect(denied(ctx(false), "volume:force_delete", "p1")).toBeDefined();
    expect(denied(ctx(true), "backup:export-import")).toBeUndefined();
  });

  it("rule:admin_or_owner lets a member act on its own project only; admins on any", () => {
    expect(denied(ctx(false), "backup:create")).toBeUndefined();
    expect(denied(ctx(false), "volume_extension:quotas:show", "p1")).toBeUndefined();
    expect(denied(ctx(false), "volume_extension:quotas:show", "p2")).toBe(
      "Policy doesn't allow volume_extension:quotas:show to be performed.",
    );
    expect(denied(ctx(true), "volume_extension:quotas:show", "p2")).toBeUndefined();
  });

  it("an empty check string (backup:create, volume:create) lets anyone through, even for another project", () => {
    expect(denied(ctx(false), "backup:create", "p2")).toBeUndefined();
    expect(denied(ctx(false), "volume:create", "p2")).toBeUndefined();
    expect(denied(ctx(false), "backup:delete", "p2")).toBeDefined();
  });

  it("view attributes ask without failing: project/user of a backup and a volume's host are admin-only, its tenant is not", () => {
    expect(allowed(ctx(false), "backup:backup_project_attribute")).toBe(false);
    expect(allowed(ctx(true), "backup:backup_project_attribute")).toBe(true);
    expect(allowed(ctx(false), "volume_extension:volume_host_attribute")).toBe(false);
    expect(allowed(ctx(false), "volume_extension:volume_tenant_attribute")).toBe(true);
  });

  it("every admin action of the backup guide is admin_api", () => {
    for (const p of [
      "backup:backup-import",
      "volume_extension:backup_admin_actions:reset_status",
      "volume_extension:backup_admin_actions:force_delete",
      "volume_extension:services:index",
      "volume_extension:quotas:update",
    ] as const) {
      expect(POLICIES[p]).toBe("rule:admin_api");
    }
  });
});
