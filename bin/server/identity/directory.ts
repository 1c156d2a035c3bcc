import { createHash } from "node:crypto";

/**
 * The seeded identity directory of `cbh serve`: domain `Default`, projects `admin` and `demo`,
 * users `admin`/`admin` and `demo`/`demo`. Project and user ids are the simulated cloud's own
 * (`cloud.context("admin"|"demo")`), so tokens scope to the projects the model knows.
 */
export interface Domain {
  id: string;
  name: string;
}

export interface Project {
  id: string;
  name: string;
  domain: Domain;
  description?: string;
  enabled?: boolean;
}

export interface User {
  id: string;
  name: string;
  /** null: none set, so password authentication always fails (keystone stores NULL). */
  password: string | null;
  domain: Domain;
  /** project id → role names (implied roles included, as keystone's token body lists them). */
  roles: Record<string, string[]>;
  /** project id → roles assigned directly (`PUT /v3/projects/{p}/users/{u}/roles/{r}`). */
  assigned: Record<string, string[]>;
  defaultProjectId?: string;
  enabled?: boolean;
}

/** A role (`keystone/assignment/core.py`); ids are stable digests of the name. */
export interface Role {
  id: string;
  name: string;
}

export interface Directory {
  domain: Domain;
  projects: Project[];
  users: User[];
  /** Keystone's bootstrap roles, then any created with `POST /v3/roles`. */
  roles: Role[];
}

export const DEFAULT_DOMAIN: Domain = { id: "default", name: "Default" };

/** Keystone's bootstrap role chain: admin implies member implies reader. */
export const ADMIN_ROLES = ["admin", "member", "reader"];
export const MEMBER_ROLES = ["member", "reader"];

export function seedDirectory(ids: {
  admin: { userId: string; projectId: string };
  demo: { userId: string; projectId: string };
}): Directory {
  const admin: Project = { id: ids.admin.projectId, name: "admin", domain: DEFAULT_DOMAIN };
  const demo: Project = { id: ids.demo.projectId, name: "demo", domain: DEFAULT_DOMAIN };
  return {
    domain: DEFAULT_DOMAIN,
    roles: ADMIN_ROLES.map(bootstrapRole),
    projects: [admin, demo],
    users: [
      // The admin also holds `admin` on `demo` (as devstack's bootstrap does), so the guide's
      // "backup as an admin for a tenant" procedure can scope a token to the tenant's project.
      {
        id: ids.admin.userId,
        name: "admin",
        password: "admin",
        domain: DEFAULT_DOMAIN,
        roles: { [admin.id]: ADMIN_ROLES, [demo.id]: ADMIN_ROLES },
        assigned: { [admin.id]: ["admin"], [demo.id]: ["admin"] },
      },
      {
        id: ids.demo.userId,
        name: "demo",
        password: "demo",
        domain: DEFAULT_DOMAIN,
        roles: { [demo.id]: MEMBER_ROLES },
        assigned: { [demo.id]: ["member"] },
      },
    ],
  };
}

/** The role of this name with its stable id (`keystone-manage bootstrap` creates admin, member, reader). */
export function bootstrapRole(name: string): Role {
  return { id: roleId(name), name };
}

/** A role's id: a digest of its name, so token bodies and `GET /v3/roles` agree without a lookup. */
export function roleId(name: string): string {
  return createHash("md5").update(`cbh-role:${name}`).digest("hex");
}

/** A reference by id, or by name within a domain given by id or name (keystone's auth body). */
export interface NamedRef {
  id?: unknown;
  name?: unknown;
  domain?: { id?: unknown; name?: unknown } | unknown;
}

function domainMatches(ref: unknown, domain: Domain): boolean {
  if (typeof ref !== "object" || ref === null) return false;
  const r = ref as { id?: unknown; name?: unknown };
  if (typeof r.id === "string") return r.id === domain.id;
  if (typeof r.name === "string") return r.name === domain.name;
  return false;
}

function find<T extends { id: string; name: string; domain: Domain }>(items: T[], ref: NamedRef): T | undefined {
  if (typeof ref.id === "string") return items.find((x) => x.id === ref.id);
  if (typeof ref.name === "string") return items.find((x) => x.name === ref.name && domainMatches(ref.domain, x.domain));
  return undefined;
}

export function findUser(dir: Directory, ref: NamedRef): User | undefined {
  return find(dir.users, ref);
}

export function findProject(dir: Directory, ref: NamedRef): Project | undefined {
  return find(dir.projects, ref);
}
