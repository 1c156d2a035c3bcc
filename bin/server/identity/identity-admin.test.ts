import { afterEach, describe, expect, it } from "vitest";
import type { SimulatedCloud } from "../../../sim/cloud/index.ts";
import type { Harness } from "../testing/harness.ts";
import { startRealServer } from "../testing/real-cloud.ts";

type Real = Harness<SimulatedCloud> & { internalErrors: string[] };
const JSON_HEADERS = { "Content-Type": "application/json" };

describe("Identity v3 admin API (what tempest's dynamic credentials call)", () => {
  let h: Real;
  afterEach(async () => {
    expect(h.internalErrors).toEqual([]);
    await h.server.close();
  });

  const send = (method: string, path: string, token: string, body?: unknown) =>
    h.call(method, `/identity/v3${path}`, { token, headers: JSON_HEADERS, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });

  it("creates a project, a user and a member grant; the user's token works on the simulated cinder; deletion revokes it", async () => {
    h = await startRealServer();
    const admin = await h.token("admin");
    // V3CredsClient: the domain by name.
    const domains = await send("GET", "/domains?name=Default", admin);
    expect(domains.status).toBe(200);
    expect(domains.json()).toMatchObject({ domains: [{ id: "default", name: "Default", enabled: true }] });
    expect((await send("GET", "/domains?name=Nope", admin)).json()).toMatchObject({ domains: [] });

    const p = await send("POST", "/projects", admin, {
      project: { name: "tempest-p1", description: "tempest-p1-desc", domain_id: "default" },
    });
    expect(p.status).toBe(201);
    const project = (p.json() as { project: { id: string; name: string; domain_id: string; enabled: boolean } }).project;
    expect(project).toMatchObject({ name: "tempest-p1", domain_id: "default", enabled: true, description: "tempest-p1-desc" });
    expect(project.id).toMatch(/^[0-9a-f]{32}$/);
    expect((await send("POST", "/projects", admin, { project: { name: "tempest-p1", domain_id: "default" } })).status).toBe(409);

    const u = await send("POST", "/users", admin, { user: { name: "tempest-p1-project", password: "pw-1", domain_id: "default" } });
    expect(u.status).toBe(201);
    const user = (u.json() as { user: { id: string } }).user;
    expect((await send("POST", "/users", admin, { user: { name: "tempest-p1-project", password: "x" } })).status).toBe(409);

    // No role yet: cannot scope to the project.
    const login = () =>
      h.call("POST", "/identity/v3/auth/tokens", {
        headers: JSON_HEADERS,
        body: JSON.stringify({
          auth: {
            identity: { methods: ["password"], password: { user: { id: user.id, password: "pw-1" } } },
            scope: { project: { id: project.id } },
          },
        }),
      });
    expect((await login()).status).toBe(401);

    const roles = (await send("GET", "/roles", admin)).json() as { roles: Array<{ id: string; name: string }> };
    expect(roles.roles.map((r) => r.name)).toEqual(["admin", "member", "reader"]);
    expect((await send("POST", "/roles", admin, { role: { name: "Member" } })).status).toBe(409);
    const member = roles.roles.find((r) => r.name === "member")?.id ?? "";
    const grant = `/projects/${project.id}/users/${user.id}/roles/${member}`;
    expect((await send("HEAD", grant, admin)).status).toBe(404);
    expect((await send("PUT", grant, admin)).status).toBe(204);
    expect((await send("PUT", grant, admin)).status).toBe(204);
    expect((await send("HEAD", grant, admin)).status).toBe(204);
    expect((await send("GET", `/role_assignments?user.id=${user.id}`, admin)).json()).toMatchObject({
      role_assignments: [{ role: { id: member }, user: { id: user.id }, scope: { project: { id: project.id } } }],
    });

    const t = await login();
    expect(t.status).toBe(201);
    expect((t.json() as { token: { roles: Array<{ name: string }> } }).token.roles.map((r) => r.name)).toEqual(["member", "reader"]);
    const token = t.headers.get("x-subject-token") ?? "";
    // The simulated cinder serves the new project: a volume, a backup, default quotas.
    const vol = await h.call("POST", `/volume/v3/${project.id}/volumes`, {
      token,
      headers: JSON_HEADERS,
      body: JSON.stringify({ volume: { size: 1 } }),
    });
    expect(vol.status).toBe(202);
    const volumeId = (vol.json() as { volume: { id: string } }).volume.id;
    const b = await h.call("POST", `/volume/v3/${project.id}/backups`, {
      token,
      headers: JSON_HEADERS,
      body: JSON.stringify({ backup: { volume_id: volumeId } }),
    });
    expect(b.status).toBe(202);
    const backupId = (b.json() as { backup: { id: string } }).backup.id;
    expect(h.cloud.db.backup(backupId)?.project_id).toBe(project.id);
    expect((await h.call("GET", `/volume/v3/${project.id}/backups/${backupId}`, { token })).json()).toMatchObject({
      backup: { status: "available" },
    });

    // Tempest's clear_creds: delete the user, then the project; both revoke tokens.
    expect((await send("DELETE", `/users/${user.id}`, admin)).status).toBe(204);
    expect((await h.call("GET", `/volume/v3/${project.id}/backups`, { token })).status).toBe(401);
    expect((await send("DELETE", `/users/${user.id}`, admin)).status).toBe(404);
    expect((await send("DELETE", `/projects/${project.id}`, admin)).status).toBe(204);
    expect((await send("GET", `/projects/${project.id}`, admin)).json()).toEqual({
      error: { code: 404, title: "Not Found", message: `Could not find project: ${project.id}.` },
    });
  });

  it("filters lists by name, and answers bad bodies with keystone's 400", async () => {
    h = await startRealServer();
    const admin = await h.token("admin");
    expect(
      ((await send("GET", "/projects?name=demo", admin)).json() as { projects: Array<{ id: string }> }).projects.map((p) => p.id),
    ).toEqual([h.cloud.context("demo").projectId]);
    expect(((await send("GET", "/users?name=admin", admin)).json() as { users: Array<{ name: string }> }).users.map((u) => u.name)).toEqual(
      ["admin"],
    );
    expect(
      ((await send("GET", "/roles?name=reader", admin)).json() as { roles: Array<{ name: string }> }).roles.map((r) => r.name),
    ).toEqual(["reader"]);
    for (const [path, body] of [
      ["/projects", { project: { name: "" } }],
      ["/projects", { project: { name: 7 } }],
      ["/projects", { nope: {} }],
      ["/users", { user: { name: "x", password: 3 } }],
      ["/users", { user: { name: "x", enabled: "yes" } }],
      ["/roles", { role: {} }],
    ] as const) {
      const r = await send("POST", path, admin, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect((r.json() as { error: { title: string } }).error.title).toBe("Bad Request");
    }
    expect((await h.call("POST", "/identity/v3/projects", { token: admin, body: "{" })).status).toBe(400);
    expect((await send("POST", "/projects", admin, { project: { name: "x", domain_id: "elsewhere" } })).status).toBe(404);
    expect((await send("PATCH", "/projects", admin, {})).status).toBe(405);
    expect((await send("GET", "/nowhere", admin)).status).toBe(404);
  });
});
