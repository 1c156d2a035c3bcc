import { afterEach, describe, expect, it } from "vitest";
import type { SimulatedCloud } from "../../sim/cloud/index.ts";
import type { Harness } from "./testing/harness.ts";
import { startRealServer } from "./testing/real-cloud.ts";

type Real = Harness<SimulatedCloud> & { internalErrors: string[] };

/** A volume and an available backup owned by `who`, made through the domain API. */
async function backupOf(h: Real, who: "admin" | "demo"): Promise<{ volumeId: string; backupId: string }> {
  const ctx = h.cloud.context(who);
  const vol = await h.cloud.ops.volumes.create(ctx, { size: 1, name: `${who}-vol` });
  await h.cloud.settle();
  const b = await h.cloud.ops.backups.create(ctx, { volume_id: vol.id, name: `${who}-backup` });
  await h.cloud.settle();
  return { volumeId: vol.id, backupId: b.id };
}

describe("Block Storage over HTTP: security and bad input", () => {
  let h: Real;
  afterEach(async () => {
    expect(h.internalErrors).toEqual([]);
    await h.server.close();
  });

  it("keeps members off admin-only backup routes (403) and out of other projects (404)", async () => {
    h = await startRealServer();
    const demo = await h.token("demo");
    const mine = await backupOf(h, "demo");
    const theirs = await backupOf(h, "admin");
    const p = h.cloud.context("demo").projectId;
    const action = (id: string, body: unknown) =>
      h.call("POST", `/volume/v3/${p}/backups/${id}/action`, {
        token: demo,
        body: JSON.stringify(body),
        headers: { "Content-Type": "application/json" },
      });

    const exp = await h.call("GET", `/volume/v3/${p}/backups/${mine.backupId}/export_record`, { token: demo });
    expect(exp.status).toBe(403);
    expect(exp.json()).toEqual({ forbidden: { code: 403, message: "Policy doesn't allow backup:export-import to be performed." } });
    expect((await action(mine.backupId, { "os-reset_status": { status: "error" } })).status).toBe(403);
    expect((await action(mine.backupId, { "os-force_delete": {} })).status).toBe(403);
    const imp = await h.call("POST", `/volume/v3/${p}/backups/import_record`, {
      token: demo,
      body: JSON.stringify({ "backup-record": { backup_service: "x", backup_url: "e30=" } }),
      headers: { "Content-Type": "application/json" },
    });
    expect(imp.status).toBe(403);
    expect(h.cloud.db.backup(mine.backupId)?.status).toBe("available");

    const other = await h.call("GET", `/volume/v3/${p}/backups/${theirs.backupId}`, { token: demo });
    expect(other.status).toBe(404);
    expect(other.json()).toEqual({ itemNotFound: { code: 404, message: `Backup ${theirs.backupId} could not be found.` } });
    expect((await h.call("GET", `/volume/v3/${p}/backups/${theirs.backupId}/export_record`, { token: demo })).status).toBe(404);
    const admin = h.cloud.context("admin").projectId;
    expect((await h.call("GET", `/volume/v3/${admin}/backups`, { token: demo })).status).toBe(400);
  });

  it("answers bad bodies, types, keys, sizes and microversions with 4xx and changes nothing", async () => {
    h = await startRealServer();
    const demo = await h.token("demo");
    const { volumeId } = await backupOf(h, "demo");
    const p = h.cloud.context("demo").projectId;
    const before = h.cloud.db.backups().length;
    const post = (body: string, headers: Record<string, string> = {}) =>
      h.call("POST", `/volume/v3/${p}/backups`, { token: demo, body, headers: { "Content-Type": "application/json", ...headers } });
    const cases: Array<[string, Awaited<ReturnType<typeof post>>]> = [
      ["malformed JSON", await post("{")],
      ["wrong type", await post(JSON.stringify({ backup: { volume_id: volumeId, incremental: "maybe" } }))],
      ["unknown key", await post(JSON.stringify({ backup: { volume_id: volumeId, colour: "red" } }))],
      ["not a uuid", await post(JSON.stringify({ backup: { volume_id: "x" } }))],
      ["oversized", await post(JSON.stringify({ backup: { volume_id: volumeId, description: "d".repeat(200_000) } }))],
      ["bad microversion", await post(JSON.stringify({ backup: { volume_id: volumeId } }), { "OpenStack-API-Version": "volume 3.99" })],
      [
        "garbled microversion",
        await post(JSON.stringify({ backup: { volume_id: volumeId } }), { "OpenStack-API-Version": "volume three" }),
      ],
    ];
    for (const [what, r] of cases) {
      expect(r.status, what).toBeGreaterThanOrEqual(400);
      expect(r.status, what).toBeLessThan(500);
      expect(r.text, what).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(cases.find(([w]) => w === "oversized")?.[1].status).toBe(413);
    expect(h.cloud.db.backups().length).toBe(before);
  });

  it("lets only an admin or the token's own user read or revoke a token (keystone's token policy)", async () => {
    h = await startRealServer();
    const admin = await h.token("admin");
    const demo = await h.token("demo");
    const demo2 = await h.token("demo");
    const tok = (method: string, caller: string, subject: string) =>
      h.call(method, "/identity/v3/auth/tokens", { token: caller, headers: { "X-Subject-Token": subject } });
    for (const method of ["GET", "HEAD", "DELETE"]) {
      const r = await tok(method, demo, admin);
      expect(r.status, method).toBe(403);
      if (method !== "HEAD")
        expect(r.json()).toEqual({
          error: {
            code: 403,
            title: "Forbidden",
            message: `You are not authorized to perform the requested action: identity:${method === "GET" ? "validate_token" : "revoke_token"}.`,
          },
        });
      expect(r.headers.get("x-subject-token")).toBeNull();
      expect(r.text).not.toContain(admin);
    }
    // The admin's token survived the attempts and still works.
    expect((await h.call("GET", `/volume/v3/${h.cloud.context("admin").projectId}/backups`, { token: admin })).status).toBe(200);
    // An unknown subject is 404 for anyone (keystone validates the subject before its policy).
    expect((await tok("GET", demo, "gAAAAAnope")).status).toBe(404);
    // The token's own user may inspect and revoke it, even from another of their tokens.
    expect((await tok("GET", demo, demo2)).status).toBe(200);
    expect((await tok("DELETE", demo, demo2)).status).toBe(204);
    expect((await tok("GET", demo, demo2)).status).toBe(404);
    // An admin may inspect and revoke anyone's.
    expect((await tok("GET", admin, demo)).status).toBe(200);
    expect((await tok("DELETE", admin, demo)).status).toBe(204);
    expect((await h.call("GET", `/volume/v3/${h.cloud.context("demo").projectId}/backups`, { token: demo })).status).toBe(401);
  });

  it("keeps members off Keystone's admin API (403) and changes nothing", async () => {
    h = await startRealServer();
    const demo = await h.token("demo");
    const json = { "Content-Type": "application/json" };
    const before = JSON.stringify(h.server.directory);
    const demoUser = h.server.directory.users.find((u) => u.name === "demo")?.id ?? "";
    const adminProject = h.cloud.context("admin").projectId;
    const adminRole = h.server.directory.roles.find((r) => r.name === "admin")?.id ?? "";
    const attempts: Array<[string, string, unknown?]> = [
      ["GET", "/identity/v3/domains?name=Default"],
      ["GET", "/identity/v3/projects"],
      ["GET", "/identity/v3/users"],
      ["GET", "/identity/v3/roles"],
      ["GET", "/identity/v3/role_assignments"],
      ["POST", "/identity/v3/projects", { project: { name: "evil" } }],
      ["POST", "/identity/v3/users", { user: { name: "evil", password: "x" } }],
      ["POST", "/identity/v3/roles", { role: { name: "evil" } }],
      ["PUT", `/identity/v3/projects/${adminProject}/users/${demoUser}/roles/${adminRole}`],
      ["DELETE", `/identity/v3/projects/${adminProject}`],
      ["GET", `/identity/v3/projects/${adminProject}`],
    ];
    for (const [method, path, body] of attempts) {
      const r = await h.call(method, path, { token: demo, headers: json, ...(body ? { body: JSON.stringify(body) } : {}) });
      expect(r.status, `${method} ${path}`).toBe(403);
      expect((r.json() as { error: { message: string } }).error.message).toMatch(
        /^You are not authorized to perform the requested action: identity:\w+\.$/,
      );
    }
    expect(JSON.stringify(h.server.directory)).toBe(before);
    // A member may read their own project and user, as keystone allows.
    expect((await h.call("GET", `/identity/v3/projects/${h.cloud.context("demo").projectId}`, { token: demo })).status).toBe(200);
    expect((await h.call("GET", `/identity/v3/users/${demoUser}`, { token: demo })).status).toBe(200);
    expect((await h.call("GET", "/identity/v3/projects")).status).toBe(401);
  });
});
