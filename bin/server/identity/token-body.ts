import { buildCatalog } from "./catalog.ts";
import { roleId } from "./directory.ts";
import type { IssuedToken } from "./token-store.ts";

/** Keystone's ISO time with microseconds (`keystone/common/utils.py:isotime(subsecond=True)`). */
export function keystoneTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

/** The `{"token": ...}` body of `POST`/`GET /v3/auth/tokens` (keystone's token render). */
export function tokenBody(t: IssuedToken, baseUrl: string, withCatalog: boolean): { token: Record<string, unknown> } {
  const token: Record<string, unknown> = {
    methods: t.methods,
    user: { id: t.user.id, name: t.user.name, domain: { ...t.user.domain }, password_expires_at: null },
    audit_ids: [t.auditId],
    expires_at: keystoneTime(t.expiresAt),
    issued_at: keystoneTime(t.issuedAt),
    project: { id: t.project.id, name: t.project.name, domain: { ...t.project.domain } },
    is_domain: false,
    roles: t.roles.map((name) => ({ id: roleId(name), name })),
  };
  if (withCatalog) token["catalog"] = buildCatalog(baseUrl, t.project.id);
  return { token };
}
