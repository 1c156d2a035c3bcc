import { json, type RouteResponse } from "../http-types.ts";
import { notFound, requireAdmin, type AdminCall } from "./admin-call.ts";
import { collection, domainJson } from "./identity-json.ts";

/** `GET /v3/domains` (`?name=`, `?enabled=`): tempest's dynamic credentials look `Default` up by name. */
export function listDomains(call: AdminCall): RouteResponse {
  requireAdmin(call, "list_domains");
  const q = call.req.query;
  const d = call.dir.domain;
  const match = (!q.has("name") || q.get("name") === d.name) && (!q.has("enabled") || !/^(0|false|no|off)$/i.test(q.get("enabled") ?? ""));
  return json(200, collection("domains", match ? [domainJson(d, call.base)] : [], `${call.base}/v3/domains`));
}

/** `identity:get_domain`: an admin, or a token scoped to a project in that domain. */
export function getDomain(call: AdminCall): RouteResponse {
  const id = call.params[0] as string;
  requireAdmin(call, "get_domain", call.caller.project.domain.id === id);
  if (id !== call.dir.domain.id) throw notFound("domain", id);
  return json(200, { domain: domainJson(call.dir.domain, call.base) });
}
