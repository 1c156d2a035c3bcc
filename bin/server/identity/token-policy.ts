import { keystoneError } from "./keystone-errors.ts";
import type { IssuedToken } from "./token-store.ts";
import type { RouteResponse } from "../http-types.ts";

/**
 * `identity:validate_token`, `identity:check_token` and `identity:revoke_token`
 * (`keystone/common/policies/token.py`): `rule:admin_required or rule:token_subject` — an admin,
 * or the user the subject token was issued to. Anyone else: 403.
 */
export function mayInspectToken(caller: IssuedToken, subject: IssuedToken): boolean {
  return caller.roles.includes("admin") || caller.user.id === subject.user.id;
}

/** Keystone's `ForbiddenAction` (`keystone/exception.py`). */
export function forbiddenAction(action: string): RouteResponse {
  return keystoneError(403, `You are not authorized to perform the requested action: ${action}.`);
}
