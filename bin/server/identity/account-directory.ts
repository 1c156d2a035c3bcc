import { randomUUID } from "node:crypto";
import { ADMIN_ROLES, bootstrapRole, DEFAULT_DOMAIN, type Directory, type Project, type User } from "./directory.ts";
import { assignRole } from "./role-assignments.ts";
import type { AccountLine } from "./users-file.ts";

type Ids = { admin: { userId: string; projectId: string }; demo: { userId: string; projectId: string } };

/**
 * The directory of `cbh serve --users FILE`: exactly the file's accounts. Projects and users
 * named `admin` and `demo` keep the simulated cloud's ids (so seeded resources stay theirs);
 * others get fresh ids, and the simulated cinder serves them like any project.
 */
export function accountDirectory(ids: Ids, accounts: AccountLine[]): Directory {
  const fixed: Record<string, { userId: string; projectId: string }> = { admin: ids.admin, demo: ids.demo };
  const projects: Project[] = [];
  const users: User[] = [];
  for (const a of accounts) {
    let project = projects.find((p) => p.name === a.project);
    if (!project) {
      project = { id: fixed[a.project]?.projectId ?? hexId(), name: a.project, domain: DEFAULT_DOMAIN };
      projects.push(project);
    }
    let user = users.find((u) => u.name === a.user);
    if (!user) {
      user = {
        id: fixed[a.user]?.userId ?? hexId(),
        name: a.user,
        password: a.password,
        domain: DEFAULT_DOMAIN,
        roles: {},
        assigned: {},
        defaultProjectId: project.id,
      };
      users.push(user);
    }
    assignRole(user, project.id, a.role);
  }
  return { domain: DEFAULT_DOMAIN, roles: ADMIN_ROLES.map(bootstrapRole), projects, users };
}

function hexId(): string {
  return randomUUID().replace(/-/g, "");
}
