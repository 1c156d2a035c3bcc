import { afterEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../testing/harness.ts";

const authBody = (user: Record<string, unknown>, scope?: Record<string, unknown>) =>
  JSON.stringify({ auth: { identity: { methods: ["password"], password: { user } }, ...(scope ? { scope } : {}) } });

describe("Identity v3", () => {
  let h: Harness;
  afterEach(async () => h.server.close());

  it("answers version discovery at /identity and /identity/v3", async () => {
    h = await startHarness();
    const root = await h.call("GET", "/identity");
    expect(root.status).toBe(300);
    expect(root.json()).toMatchObject({
      versions: { values: [{ id: "v3.14", status: "stable", links: [{ rel: "self", href: `${h.server.url}/identity/v3/` }] }] },
    });
    const v3 = await h.call("GET", "/identity/v3/");
    expect(v3.status).toBe(200);
    expect(v3.json()).toMatchObject({ version: { id: "v3.14" } });
  });

  it("issues a project-scoped token with roles, expiry and a catalog pointing at this server", async () => {
    h = await startHarness();
    const r = await h.call("POST", "/identity/v3/auth/tokens", {
      body: authBody(
        { name: "demo", domain: { name: "Default" }, password: "demo" },
        { project: { name: "demo", domain: { name: "Default" } } },
      ),
    });
    expect(r.status).toBe(201);
    expect(r.headers.get("x-subject-token")).toMatch(/^gAAAAA[\w-]{40,}$/);
    const { token } = r.json() as {
      token: {
        project: { id: string };
        roles: Array<{ name: string }>;
        expires_at: string;
        catalog: Array<{ type: string; endpoints: Array<{ url: string; interface: string }> }>;
      };
    };
    expect(token.project.id).toBe("d".repeat(32));
    expect(token.roles.map((x) => x.name)).toEqual(["member", "reader"]);
    const ttl = Date.parse(token.expires_at) - Date.now();
    expect(ttl).toBeGreaterThan(3590_000);
    expect(ttl).toBeLessThanOrEqual(3600_000);
    const url = (type: string) => token.catalog.find((c) => c.type === type)?.endpoints.find((e) => e.interface === "public")?.url;
    expect(url("volumev3")).toBe(`${h.server.url}/volume/v3/${"d".repeat(32)}`);
    expect(url("block-storage")).toBe(`${h.server.url}/volume/v3/${"d".repeat(32)}`);
    expect(url("image")).toBe(`${h.server.url}/image`);
    expect(url("identity")).toBe(`${h.server.url}/identity`);
  });

  it("accepts user and project by id, and the admin may scope to the demo project", async () => {
    h = await startHarness();
    const r = await h.call("POST", "/identity/v3/auth/tokens?nocatalog", {
      body: authBody({ id: "admin-user-id", password: "admin" }, { project: { id: "d".repeat(32) } }),
    });
    expect(r.status).toBe(201);
    const { token } = r.json() as { token: Record<string, unknown> };
    expect(token["catalog"]).toBeUndefined();
    expect(token["roles"]).toEqual(expect.arrayContaining([expect.objectContaining({ name: "admin" })]));
  });

  it.each([
    [
      "a wrong password",
      authBody({ name: "demo", domain: { name: "Default" }, password: "nope" }, { project: { name: "demo", domain: { name: "Default" } } }),
    ],
    [
      "an unknown user",
      authBody({ name: "eve", domain: { name: "Default" }, password: "eve" }, { project: { name: "demo", domain: { name: "Default" } } }),
    ],
    [
      "a wrong domain",
      authBody({ name: "demo", domain: { name: "Other" }, password: "demo" }, { project: { name: "demo", domain: { name: "Default" } } }),
    ],
    ["no scope (unscoped)", authBody({ name: "demo", domain: { name: "Default" }, password: "demo" })],
    [
      "a project without a role",
      authBody(
        { name: "demo", domain: { name: "Default" }, password: "demo" },
        { project: { name: "admin", domain: { name: "Default" } } },
      ),
    ],
  ])("refuses %s with keystone's 401", async (_what, body) => {
    h = await startHarness();
    const r = await h.call("POST", "/identity/v3/auth/tokens", { body });
    expect(r.status).toBe(401);
    expect(r.json()).toEqual({
      error: { code: 401, title: "Unauthorized", message: "The request you have made requires authentication." },
    });
    expect(r.headers.get("x-subject-token")).toBeNull();
  });

  it.each([
    ["not JSON", "{"],
    ["no auth", "{}"],
    ["methods not a list", JSON.stringify({ auth: { identity: { methods: "password" } } })],
  ])("answers 400 for a malformed body (%s)", async (_what, body) => {
    h = await startHarness();
    const r = await h.call("POST", "/identity/v3/auth/tokens", { body });
    expect(r.status).toBe(400);
    expect((r.json() as { error: { title: string } }).error.title).toBe("Bad Request");
  });

  it("validates (GET, HEAD) and revokes (DELETE) tokens", async () => {
    h = await startHarness();
    const admin = await h.token("admin");
    const demo = await h.token("demo");
    const ok = await h.call("GET", "/identity/v3/auth/tokens", { token: admin, headers: { "X-Subject-Token": demo } });
    expect(ok.status).toBe(200);
    expect((ok.json() as { token: { user: { name: string } } }).token.user.name).toBe("demo");
    expect((await h.call("HEAD", "/identity/v3/auth/tokens", { token: admin, headers: { "X-Subject-Token": demo } })).status).toBe(200);
    expect((await h.call("GET", "/identity/v3/auth/tokens", { token: "bogus", headers: { "X-Subject-Token": demo } })).status).toBe(401);
    expect((await h.call("GET", "/identity/v3/auth/tokens", { token: admin, headers: { "X-Subject-Token": "bogus" } })).status).toBe(404);
    expect((await h.call("DELETE", "/identity/v3/auth/tokens", { token: admin, headers: { "X-Subject-Token": demo } })).status).toBe(204);
    expect((await h.call("GET", "/volume/v3/x/backups", { token: demo })).status).toBe(401);
  });

  it("re-scopes with the token method", async () => {
    h = await startHarness();
    const admin = await h.token("admin");
    const r = await h.call("POST", "/identity/v3/auth/tokens", {
      body: JSON.stringify({
        auth: { identity: { methods: ["token"], token: { id: admin } }, scope: { project: { name: "demo", domain: { name: "Default" } } } },
      }),
    });
    expect(r.status).toBe(201);
    expect((r.json() as { token: { project: { name: string } } }).token.project.name).toBe("demo");
  });
});
