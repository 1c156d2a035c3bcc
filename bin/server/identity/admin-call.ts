import type { RouteRequest, RouteResponse } from "../http-types.ts";
import type { Directory } from "./directory.ts";
import { keystoneError } from "./keystone-errors.ts";
import { forbiddenAction } from "./token-policy.ts";
import type { IssuedToken, TokenStore } from "./token-store.ts";

/** One admin-API request: the caller's live token, the directory and the identity base URL. */
export interface AdminCall {
  req: RouteRequest;
  caller: IssuedToken;
  dir: Directory;
  tokens: TokenStore;
  /** `http://HOST:PORT/identity`. */
  base: string;
  /** Path parameters of the matched route. */
  params: string[];
}

/** A keystone error as a thrown value, so handlers stay linear. */
export class KeystoneFailure extends Error {
  constructor(readonly response: RouteResponse) {
    super(`keystone ${response.status}`);
    this.name = "KeystoneFailure";
  }
}

/**
 * `rule:admin_required` (`keystone/common/policies/base.py`; with `enforce_scope = False`, as Zed
 * deploys, a project-scoped token with role `admin` passes). Others: 403 ForbiddenAction.
 */
export function requireAdmin(call: AdminCall, action: string, orIf = false): void {
  if (!orIf && !call.caller.roles.includes("admin")) throw new KeystoneFailure(forbiddenAction(`identity:${action}`));
}

/** Keystone's `NotFound` family: "Could not find <kind>: <id>." */
export function notFound(kind: string, id: string): KeystoneFailure {
  return new KeystoneFailure(keystoneError(404, `Could not find ${kind}: ${id}.`));
}

/** Keystone's `Conflict`: "Conflict occurred attempting to store <kind> - <details>." */
export function conflict(kind: string, details: string): KeystoneFailure {
  return new KeystoneFailure(keystoneError(409, `Conflict occurred attempting to store ${kind} - ${details}.`));
}
