import type { RouteRequest, RouteResponse } from "../http-types.ts";
import { InvalidInput, invalidInputResponse } from "./admin-body.ts";
import { KeystoneFailure, type AdminCall } from "./admin-call.ts";
import type { Directory } from "./directory.ts";
import { getDomain, listDomains } from "./domains-api.ts";
import { keystoneError, keystoneUnauthorized } from "./keystone-errors.ts";
import { createProject, deleteProject, getProject, listProjects } from "./projects-api.ts";
import { createRole, getRole, listProjectUserRoles, listRoleAssignments, listRoles, projectUserGrant } from "./roles-api.ts";
import type { TokenStore } from "./token-store.ts";
import { createUser, deleteUser, getUser, listUsers } from "./users-api.ts";

type Handler = (call: AdminCall) => RouteResponse;

const ID = "([^/]+)";
/** Path → method → handler; the Identity v3 admin calls tempest's dynamic credentials and the openstack client make. */
const ROUTES: Array<[RegExp, Record<string, Handler>]> = [
  [/^\/v3\/domains$/, { GET: listDomains }],
  [new RegExp(`^/v3/domains/${ID}$`), { GET: getDomain }],
  [/^\/v3\/projects$/, { GET: listProjects, POST: createProject }],
  [new RegExp(`^/v3/projects/${ID}$`), { GET: getProject, DELETE: deleteProject }],
  [new RegExp(`^/v3/projects/${ID}/users/${ID}/roles$`), { GET: listProjectUserRoles }],
  [
    new RegExp(`^/v3/projects/${ID}/users/${ID}/roles/${ID}$`),
    { PUT: projectUserGrant, HEAD: projectUserGrant, GET: projectUserGrant, DELETE: projectUserGrant },
  ],
  [/^\/v3\/users$/, { GET: listUsers, POST: createUser }],
  [new RegExp(`^/v3/users/${ID}$`), { GET: getUser, DELETE: deleteUser }],
  [/^\/v3\/roles$/, { GET: listRoles, POST: createRole }],
  [new RegExp(`^/v3/roles/${ID}$`), { GET: getRole }],
  [/^\/v3\/role_assignments$/, { GET: listRoleAssignments }],
];

/** Keystone's admin API over the directory; every call needs a live token (401), then the route's policy (403). */
export function identityAdminRoutes(dir: Directory, tokens: TokenStore): (req: RouteRequest) => Promise<RouteResponse> {
  return async (req) => {
    for (const [re, methods] of ROUTES) {
      const m = re.exec(req.path);
      if (!m) continue;
      const method = req.method === "HEAD" && !methods["HEAD"] ? "GET" : req.method;
      const handler = methods[method];
      if (!handler) return keystoneError(405, "The method specified is not allowed for the requested URL.");
      const caller = tokens.validate(req.headers["x-auth-token"]);
      if (!caller) return keystoneUnauthorized(req.baseUrl);
      const params = m.slice(1).map((p) => decodeURIComponent(p));
      try {
        const res = handler({ req, caller, dir, tokens, base: `${req.baseUrl}/identity`, params });
        return req.method === "HEAD" ? { ...res, body: undefined } : res;
      } catch (e) {
        if (e instanceof KeystoneFailure) return e.response;
        if (e instanceof InvalidInput) return invalidInputResponse(e);
        throw e;
      }
    }
    return keystoneError(404, "The resource could not be found.");
  };
}
