import { randomUUID } from "node:crypto";
import { json, type RouteResponse } from "../http-types.ts";
import { nameField, optionalBoolean, optionalString, resourceBody } from "./admin-body.ts";
import { conflict, notFound, requireAdmin, type AdminCall } from "./admin-call.ts";
import type { Project } from "./directory.ts";
import { collection, projectJson } from "./identity-json.ts";
import { dropProjectGrants } from "./role-assignments.ts";

/** Projects (`keystone/api/projects.py`); new ones are served by the simulated cinder at once. */
export function listProjects(call: AdminCall): RouteResponse {
  requireAdmin(call, "list_projects");
  const q = call.req.query;
  const items = call.dir.projects.filter(
    (p) => (!q.has("name") || p.name === q.get("name")) && (!q.has("domain_id") || p.domain.id === q.get("domain_id")),
  );
  return json(
    200,
    collection(
      "projects",
      items.map((p) => projectJson(p, call.base)),
      `${call.base}/v3/projects`,
    ),
  );
}

/** `identity:get_project`: an admin, or a token scoped to that project. */
export function getProject(call: AdminCall): RouteResponse {
  const id = call.params[0] as string;
  requireAdmin(call, "get_project", call.caller.project.id === id);
  const p = call.dir.projects.find((x) => x.id === id);
  if (!p) throw notFound("project", id);
  return json(200, { project: projectJson(p, call.base) });
}

export function createProject(call: AdminCall): RouteResponse {
  requireAdmin(call, "create_project");
  const body = resourceBody(call.req.body, "project");
  const name = nameField(body, "name", 64);
  const domainId = optionalString(body, "domain_id", 64) ?? call.caller.project.domain.id;
  if (domainId !== call.dir.domain.id) throw notFound("domain", domainId);
  const description = optionalString(body, "description", 65_535);
  const enabled = optionalBoolean(body, "enabled");
  if (call.dir.projects.some((p) => p.name === name && p.domain.id === domainId)) {
    throw conflict("project", `it is not permitted to have two projects with the same name in the same domain : ${name}`);
  }
  const project: Project = {
    id: randomUUID().replace(/-/g, ""),
    name,
    domain: call.dir.domain,
    ...(description !== undefined ? { description } : {}),
    ...(enabled !== undefined ? { enabled } : {}),
  };
  call.dir.projects.push(project);
  return json(201, { project: projectJson(project, call.base) });
}

/** Deleting a project drops its grants and the tokens scoped to it; cinder's resources stay, as in a real cloud. */
export function deleteProject(call: AdminCall): RouteResponse {
  requireAdmin(call, "delete_project");
  const id = call.params[0] as string;
  const i = call.dir.projects.findIndex((p) => p.id === id);
  if (i < 0) throw notFound("project", id);
  call.dir.projects.splice(i, 1);
  dropProjectGrants(call.dir.users, id);
  call.tokens.revokeWhere((t) => t.project.id === id);
  return { status: 204, headers: {} };
}
