import type { Domain, Project, Role, User } from "./directory.ts";

/** Resource bodies as keystone renders them (`keystone/server/flask/base.py:wrap_member`). */
export function domainJson(d: Domain, base: string): Record<string, unknown> {
  return {
    id: d.id,
    name: d.name,
    description: d.id === "default" ? "The default domain" : "",
    enabled: true,
    tags: [],
    options: {},
    links: { self: `${base}/v3/domains/${d.id}` },
  };
}

export function projectJson(p: Project, base: string): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    domain_id: p.domain.id,
    description: p.description ?? "",
    enabled: p.enabled ?? true,
    parent_id: p.domain.id,
    is_domain: false,
    tags: [],
    options: {},
    links: { self: `${base}/v3/projects/${p.id}` },
  };
}

export function userJson(u: User, base: string): Record<string, unknown> {
  return {
    id: u.id,
    name: u.name,
    domain_id: u.domain.id,
    enabled: u.enabled ?? true,
    password_expires_at: null,
    options: {},
    ...(u.defaultProjectId ? { default_project_id: u.defaultProjectId } : {}),
    links: { self: `${base}/v3/users/${u.id}` },
  };
}

export function roleJson(r: Role, base: string): Record<string, unknown> {
  return { id: r.id, name: r.name, domain_id: null, description: null, options: {}, links: { self: `${base}/v3/roles/${r.id}` } };
}

/** A collection (`keystone/server/flask/base.py:wrap_collection`). */
export function collection(key: string, items: Array<Record<string, unknown>>, self: string): Record<string, unknown> {
  return { [key]: items, links: { self, previous: null, next: null } };
}
