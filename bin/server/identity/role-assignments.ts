import type { User } from "./directory.ts";

/** Keystone's bootstrap implied roles (`keystone-manage bootstrap`): admin → member → reader. */
const IMPLIES: Record<string, string[]> = { admin: ["member", "reader"], member: ["reader"] };

/** The roles a token carries for these direct assignments, implied ones included (`keystone/assignment/core.py:_get_effective_role_ids`). */
export function effectiveRoles(direct: string[]): string[] {
  const out: string[] = [];
  for (const r of direct) for (const x of [r, ...(IMPLIES[r] ?? [])]) if (!out.includes(x)) out.push(x);
  return out;
}

/** `PUT /v3/projects/{p}/users/{u}/roles/{r}`: idempotent, as keystone's `create_grant`. */
export function assignRole(user: User, projectId: string, role: string): void {
  const direct = user.assigned[projectId] ?? [];
  if (!direct.includes(role)) direct.push(role);
  user.assigned[projectId] = direct;
  user.roles[projectId] = effectiveRoles(direct);
}

/** `DELETE /v3/projects/{p}/users/{u}/roles/{r}`; false: no such grant. */
export function unassignRole(user: User, projectId: string, role: string): boolean {
  const direct = user.assigned[projectId] ?? [];
  if (!direct.includes(role)) return false;
  const rest = direct.filter((r) => r !== role);
  if (rest.length) {
    user.assigned[projectId] = rest;
    user.roles[projectId] = effectiveRoles(rest);
  } else {
    delete user.assigned[projectId];
    delete user.roles[projectId];
  }
  return true;
}

/** Every grant on a project goes with it (`keystone/resource/core.py:delete_project`). */
export function dropProjectGrants(users: User[], projectId: string): void {
  for (const u of users) {
    delete u.assigned[projectId];
    delete u.roles[projectId];
  }
}
