import { json, type RouteResponse } from "../http-types.ts";
import { nameField, resourceBody } from "./admin-body.ts";
import { conflict, KeystoneFailure, notFound, requireAdmin, type AdminCall } from "./admin-call.ts";
import { bootstrapRole, type Project, type Role, type User } from "./directory.ts";
import { collection, roleJson } from "./identity-json.ts";
import { keystoneError } from "./keystone-errors.ts";
import { assignRole, unassignRole } from "./role-assignments.ts";

/** Roles (`keystone/api/roles.py`). */
export function listRoles(call: AdminCall): RouteResponse {
  requireAdmin(call, "list_roles");
  const name = call.req.query.get("name");
  const items = call.dir.roles.filter((r) => name === null || r.name === name);
  return json(
    200,
    collection(
      "roles",
      items.map((r) => roleJson(r, call.base)),
      `${call.base}/v3/roles`,
    ),
  );
}

export function getRole(call: AdminCall): RouteResponse {
  requireAdmin(call, "get_role");
  return json(200, { role: roleJson(roleById(call, call.params[0] as string), call.base) });
}

/** Role names are unique case-insensitively (keystone's `role` table collation). */
export function createRole(call: AdminCall): RouteResponse {
  requireAdmin(call, "create_role");
  const name = nameField(resourceBody(call.req.body, "role"), "name", 255);
  if (call.dir.roles.some((r) => r.name.toLowerCase() === name.toLowerCase()))
    throw conflict("role", `Duplicate entry found with name ${name}`);
  const role = bootstrapRole(name);
  call.dir.roles.push(role);
  return json(201, { role: roleJson(role, call.base) });
}

/** `PUT|HEAD|GET|DELETE /v3/projects/{p}/users/{u}/roles/{r}` (`keystone/api/projects.py:ProjectUserGrantResource`). */
export function projectUserGrant(call: AdminCall): RouteResponse {
  const [projectId, userId, rid] = call.params as [string, string, string];
  const method = call.req.method;
  requireAdmin(call, method === "PUT" ? "create_grant" : method === "DELETE" ? "revoke_grant" : "check_grant");
  const role = roleById(call, rid);
  const user = userById(call, userId);
  const project = projectById(call, projectId);
  if (method === "PUT") {
    assignRole(user, project.id, role.name);
    call.tokens.refreshRoles(user.id, project.id, user.roles[project.id] ?? []);
    return { status: 204, headers: {} };
  }
  const held = (user.assigned[project.id] ?? []).includes(role.name);
  if (!held) {
    throw new KeystoneFailure(
      keystoneError(
        404,
        `Could not find role assignment with role: ${role.id}, user or group: ${user.id}, project, domain, or system: ${project.id}.`,
      ),
    );
  }
  if (method === "DELETE") {
    unassignRole(user, project.id, role.name);
    call.tokens.refreshRoles(user.id, project.id, user.roles[project.id] ?? []);
  }
  return { status: 204, headers: {} };
}

/** `GET /v3/projects/{p}/users/{u}/roles`: the direct grants. */
export function listProjectUserRoles(call: AdminCall): RouteResponse {
  const [projectId, userId] = call.params as [string, string];
  requireAdmin(call, "list_grants");
  const user = userById(call, userId);
  const project = projectById(call, projectId);
  const roles = (user.assigned[project.id] ?? []).map((n) => call.dir.roles.find((r) => r.name === n) ?? bootstrapRole(n));
  return json(
    200,
    collection(
      "roles",
      roles.map((r) => roleJson(r, call.base)),
      `${call.base}/v3/projects/${project.id}/users/${user.id}/roles`,
    ),
  );
}

/** `GET /v3/role_assignments` with the `user.id` and `scope.project.id` filters (`keystone/api/role_assignments.py`). */
export function listRoleAssignments(call: AdminCall): RouteResponse {
  requireAdmin(call, "list_role_assignments");
  const q = call.req.query;
  const out: Array<Record<string, unknown>> = [];
  for (const u of call.dir.users) {
    if (q.has("user.id") && u.id !== q.get("user.id")) continue;
    for (const [pid, names] of Object.entries(u.assigned)) {
      if (q.has("scope.project.id") && pid !== q.get("scope.project.id")) continue;
      for (const n of names) {
        const role = call.dir.roles.find((r) => r.name === n) ?? bootstrapRole(n);
        if (q.has("role.id") && role.id !== q.get("role.id")) continue;
        out.push({
          role: { id: role.id },
          user: { id: u.id },
          scope: { project: { id: pid } },
          links: { assignment: `${call.base}/v3/projects/${pid}/users/${u.id}/roles/${role.id}` },
        });
      }
    }
  }
  return json(200, collection("role_assignments", out, `${call.base}/v3/role_assignments`));
}

function roleById(call: AdminCall, id: string): Role {
  const r = call.dir.roles.find((x) => x.id === id);
  if (!r) throw notFound("role", id);
  return r;
}

function userById(call: AdminCall, id: string): User {
  const u = call.dir.users.find((x) => x.id === id);
  if (!u) throw notFound("user", id);
  return u;
}

function projectById(call: AdminCall, id: string): Project {
  const p = call.dir.projects.find((x) => x.id === id);
  if (!p) throw notFound("project", id);
  return p;
}
