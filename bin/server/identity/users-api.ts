import { randomUUID } from "node:crypto";
import { json, type RouteResponse } from "../http-types.ts";
import { InvalidInput, nameField, optionalBoolean, optionalString, resourceBody } from "./admin-body.ts";
import { conflict, notFound, requireAdmin, type AdminCall } from "./admin-call.ts";
import type { User } from "./directory.ts";
import { collection, userJson } from "./identity-json.ts";

/** Users (`keystone/api/users.py`). */
export function listUsers(call: AdminCall): RouteResponse {
  requireAdmin(call, "list_users");
  const q = call.req.query;
  const items = call.dir.users.filter(
    (u) => (!q.has("name") || u.name === q.get("name")) && (!q.has("domain_id") || u.domain.id === q.get("domain_id")),
  );
  return json(
    200,
    collection(
      "users",
      items.map((u) => userJson(u, call.base)),
      `${call.base}/v3/users`,
    ),
  );
}

/** `identity:get_user`: an admin, or the user themself. */
export function getUser(call: AdminCall): RouteResponse {
  const id = call.params[0] as string;
  requireAdmin(call, "get_user", call.caller.user.id === id);
  const u = call.dir.users.find((x) => x.id === id);
  if (!u) throw notFound("user", id);
  return json(200, { user: userJson(u, call.base) });
}

export function createUser(call: AdminCall): RouteResponse {
  requireAdmin(call, "create_user");
  const body = resourceBody(call.req.body, "user");
  const name = nameField(body, "name", 255);
  const domainId = optionalString(body, "domain_id", 64) ?? call.caller.project.domain.id;
  if (domainId !== call.dir.domain.id) throw notFound("domain", domainId);
  const password = body["password"];
  if (password !== undefined && password !== null && typeof password !== "string")
    throw new InvalidInput("Invalid input for field 'password': expected a string or null.");
  const defaultProjectId = optionalString(body, "default_project_id", 64);
  if (defaultProjectId !== undefined && !call.dir.projects.some((p) => p.id === defaultProjectId))
    throw notFound("project", defaultProjectId);
  const enabled = optionalBoolean(body, "enabled");
  if (call.dir.users.some((u) => u.name === name && u.domain.id === domainId))
    throw conflict("user", `Duplicate entry found with name ${name} at domain ID ${domainId}`);
  const user: User = {
    id: randomUUID().replace(/-/g, ""),
    name,
    // No password: the user cannot authenticate with one (keystone stores NULL).
    password: typeof password === "string" ? password : null,
    domain: call.dir.domain,
    roles: {},
    assigned: {},
    ...(defaultProjectId !== undefined ? { defaultProjectId } : {}),
    ...(enabled !== undefined ? { enabled } : {}),
  };
  call.dir.users.push(user);
  return json(201, { user: userJson(user, call.base) });
}

/** Deleting a user revokes their tokens (`keystone/identity/core.py:delete_user`). */
export function deleteUser(call: AdminCall): RouteResponse {
  requireAdmin(call, "delete_user");
  const id = call.params[0] as string;
  const i = call.dir.users.findIndex((u) => u.id === id);
  if (i < 0) throw notFound("user", id);
  call.dir.users.splice(i, 1);
  call.tokens.revokeWhere((t) => t.user.id === id);
  return { status: 204, headers: {} };
}
