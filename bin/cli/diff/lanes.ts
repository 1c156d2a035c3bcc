import { CloudClient, CloudError, type CloudConfig, type ClientOptions } from "../../../lib/openstack/index.ts";

/**
 * Projects for concurrent sequences (`cbh diff --jobs N` on the bundled cloud): quota usage is
 * compared per project (docs/diff.md N4) and quota changes apply to a project, so sequences that
 * run at the same time each need their own. Lane 0 is the cloud's member project; lanes 1..n-1
 * are a project and a member user each, made through Keystone v3 with the admin's token
 * (keystone/api/projects.py, users.py, role_assignments: `PUT /projects/{p}/users/{u}/roles/{r}`).
 * The bundled cloud is removed after the run, and the lanes with it.
 */
export async function laneClients(
  admin: CloudClient,
  member: CloudConfig,
  runId: string,
  n: number,
  opts: ClientOptions,
): Promise<CloudClient[]> {
  const ok = async (step: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const r = await admin.call("identity", method, path, { step, ...(body ? { body } : {}) });
    if (r.status >= 300) throw new CloudError("http", admin.cloud.name, `${step}: HTTP ${r.status}`, r.status, r.body);
    return (r.body ?? {}) as Record<string, unknown>;
  };
  const roles = (await ok("find the member role", "GET", "/roles?name=member")).roles as { id: string }[] | undefined;
  const role = roles?.[0]?.id;
  if (!role) throw new CloudError("config", admin.cloud.name, "find the member role: Keystone has no role named member");
  const clients: CloudClient[] = [];
  for (let k = 1; k < n; k++) {
    const name = `${runId}-lane${k}`;
    const password = `${name}-pw`;
    const project = (await ok(`create project ${name}`, "POST", "/projects", { project: { name, domain_id: "default" } })).project as {
      id: string;
    };
    const user = (
      await ok(`create user ${name}`, "POST", "/users", { user: { name, password, domain_id: "default", default_project_id: project.id } })
    ).user as { id: string };
    await ok(`give ${name} the member role`, "PUT", `/projects/${project.id}/users/${user.id}/roles/${role}`);
    const cfg: CloudConfig = {
      ...member,
      username: name,
      password,
      projectName: name,
      userDomainName: "Default",
      projectDomainName: "Default",
    };
    clients.push(await new CloudClient(cfg, opts).connect());
  }
  return clients;
}
