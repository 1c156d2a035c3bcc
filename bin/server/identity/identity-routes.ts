import { json, type RouteRequest, type RouteResponse } from "../http-types.ts";
import type { Directory } from "./directory.ts";
import { AUTH_REQUIRED, keystoneError, keystoneUnauthorized } from "./keystone-errors.ts";
import { AuthFailure, authenticate } from "./password-auth.ts";
import { tokenBody } from "./token-body.ts";
import { identityAdminRoutes } from "./identity-admin-routes.ts";
import { forbiddenAction, mayInspectToken } from "./token-policy.ts";
import type { IssuedToken, TokenStore } from "./token-store.ts";
import { v3Version, versionsDocument } from "./versions.ts";

/**
 * A minimal Identity v3 mounted at `/identity`: version discovery, issue / validate / revoke of
 * project-scoped tokens (`keystone/api/auth.py`), and the admin API of identity-admin-routes.ts.
 */
export function identityRoutes(dir: Directory, tokens: TokenStore): (req: RouteRequest) => Promise<RouteResponse> {
  const admin = identityAdminRoutes(dir, tokens);
  return async (req) => {
    const path = req.path.replace(/\/+$/, "");
    if (path === "") return req.method === "GET" || req.method === "HEAD" ? json(300, versionsDocument(req.baseUrl)) : methodNotAllowed();
    if (path === "/v3")
      return req.method === "GET" || req.method === "HEAD" ? json(200, { version: v3Version(req.baseUrl) }) : methodNotAllowed();
    if (path !== "/v3/auth/tokens") return admin({ ...req, path });
    const withCatalog = !req.query.has("nocatalog");
    switch (req.method) {
      case "POST":
        return issue(req, dir, tokens, withCatalog);
      case "GET":
      case "HEAD": {
        const subject = checkSubject(req, tokens, req.method === "GET" ? "identity:validate_token" : "identity:check_token");
        if ("status" in subject) return subject;
        const res = json(200, tokenBody(subject, req.baseUrl, withCatalog), { "X-Subject-Token": subject.id });
        return req.method === "HEAD" ? { ...res, body: undefined } : res;
      }
      case "DELETE": {
        const subject = checkSubject(req, tokens, "identity:revoke_token");
        if ("status" in subject) return subject;
        tokens.revoke(subject.id);
        return { status: 204, headers: {} };
      }
      default:
        return methodNotAllowed();
    }
  };
}

function methodNotAllowed(): RouteResponse {
  return keystoneError(405, "The method specified is not allowed for the requested URL.");
}

function issue(req: RouteRequest, dir: Directory, tokens: TokenStore, withCatalog: boolean): RouteResponse {
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString("utf8"));
  } catch {
    return keystoneError(400, "Malformed request body.");
  }
  try {
    const { user, project, methods } = authenticate(dir, tokens, body);
    const t = tokens.issue(user, project, methods);
    return json(201, tokenBody(t, req.baseUrl, withCatalog), { "X-Subject-Token": t.id });
  } catch (e) {
    if (e instanceof AuthFailure && e.kind === "malformed") return keystoneError(400, e.message);
    if (e instanceof AuthFailure)
      return keystoneError(401, AUTH_REQUIRED, { "WWW-Authenticate": `Keystone uri="${req.baseUrl}/identity"` });
    throw e;
  }
}

/**
 * Both the caller's token and the subject token must be live (keystone: 401, then 404, as
 * `keystone/server/flask/common.py:RBACEnforcer` validates the subject before the policy), and
 * the caller must be an admin or the subject's own user (403).
 */
function checkSubject(req: RouteRequest, tokens: TokenStore, action: string): IssuedToken | RouteResponse {
  const caller = tokens.validate(req.headers["x-auth-token"]);
  if (!caller) return keystoneUnauthorized(req.baseUrl);
  const subjectId = req.headers["x-subject-token"];
  const subject = tokens.validate(subjectId);
  if (!subject) return keystoneError(404, `Could not find token: ${subjectId ?? ""}.`);
  if (!mayInspectToken(caller, subject)) return forbiddenAction(action);
  return subject;
}
