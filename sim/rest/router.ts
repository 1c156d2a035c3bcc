import type { Route } from "./route.ts";

/** `api/openstack/__init__.py:ProjectMapper`: `project_id_regex` default. */
const PROJECT_ID = /^[0-9a-f-]+$/;

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
  /** The project id segment of the URL, if the matched route had one. */
  projectId?: string;
}

function matchSegments(pattern: readonly string[], segs: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segs.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const s = segs[i] as string;
    if (p.startsWith("{")) {
      if (s === "") return undefined;
      params[p.slice(1, -1)] = s;
    } else if (p !== s) return undefined;
  }
  return params;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Matches `segs` (the path after `/v3/`, split on `/`) against the routes, with the project id
 * prefix first (as routes tries `{project_id}/…` before the project-less copy). A project id
 * segment must match `project_id_regex`, or be the caller's own project (ids of the simulated
 * Keystone need not be hex).
 */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  segs: readonly string[],
  tokenProject: string | undefined,
): RouteMatch | undefined {
  // `APIMapper.connect` adds a `.json` format suffix to every route, tried before the bare one.
  const last = segs[segs.length - 1];
  if (last !== undefined && last.length > 5 && last.endsWith(".json")) {
    const m = matchExact(routes, method, [...segs.slice(0, -1), last.slice(0, -5)], tokenProject);
    if (m) return m;
  }
  return matchExact(routes, method, segs, tokenProject);
}

function matchExact(
  routes: readonly Route[],
  method: string,
  segs: readonly string[],
  tokenProject: string | undefined,
): RouteMatch | undefined {
  const decoded = segs.map(decode);
  const first = decoded[0];
  const withProject = first !== undefined && (PROJECT_ID.test(first) || first === tokenProject);
  for (const route of routes) {
    if (route.method !== method || route.noProject) continue;
    const pattern = route.path === "" ? [] : route.path.split("/");
    if (withProject) {
      const params = matchSegments(pattern, decoded.slice(1));
      if (params) return { route, params, projectId: first };
    }
  }
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.path === "" ? [] : route.path.split("/");
    const params = matchSegments(pattern, decoded);
    if (params) return { route, params };
  }
  return undefined;
}
