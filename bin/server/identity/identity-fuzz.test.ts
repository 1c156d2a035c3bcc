import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { startHarness } from "../testing/harness.ts";

/** One Identity request of a random sequence; ids are indices into what exists at the time. */
interface IdentityRequest {
  who: "admin" | "demo" | "none" | "forged";
  method: "GET" | "HEAD" | "POST" | "PUT" | "DELETE" | "PATCH";
  path: string;
  subject: "admin" | "demo" | "bogus" | "none";
  body: unknown;
}

const PATHS = [
  "/v3/auth/tokens",
  "/v3/domains",
  "/v3/domains?name=Default",
  "/v3/domains/default",
  "/v3/domains/{x}",
  "/v3/projects",
  "/v3/projects?name=demo",
  "/v3/projects/{project}",
  "/v3/users",
  "/v3/users/{user}",
  "/v3/roles",
  "/v3/roles/{role}",
  "/v3/role_assignments",
  "/v3/projects/{project}/users/{user}/roles",
  "/v3/projects/{project}/users/{user}/roles/{role}",
  "/v3/nowhere",
];

const body = fc.oneof(
  fc.record({
    project: fc.record(
      {
        name: fc.oneof(fc.string({ maxLength: 70 }), fc.integer()),
        domain_id: fc.constantFrom("default", "other"),
        enabled: fc.oneof(fc.boolean(), fc.string()),
      },
      { requiredKeys: [] },
    ),
  }),
  fc.record({
    user: fc.record(
      {
        name: fc.oneof(fc.string({ maxLength: 10 }), fc.constant("demo")),
        password: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        default_project_id: fc.string(),
      },
      { requiredKeys: [] },
    ),
  }),
  fc.record({ role: fc.record({ name: fc.oneof(fc.constantFrom("admin", "Member", "observer"), fc.string()) }, { requiredKeys: [] }) }),
  fc.jsonValue({ maxDepth: 3 }),
);

const request: fc.Arbitrary<IdentityRequest> = fc.record({
  who: fc.constantFrom("admin", "demo", "demo", "none", "forged"),
  method: fc.constantFrom("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"),
  path: fc.constantFrom(...PATHS),
  subject: fc.constantFrom("admin", "demo", "bogus", "none"),
  body,
}) as fc.Arbitrary<IdentityRequest>;

describe("Identity v3 under random requests", () => {
  it("never answers 5xx, never lets a member change the directory or touch the admin's token", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 15 }), async (requests) => {
        const h = await startHarness();
        try {
          const tokens = { admin: await h.token("admin"), demo: await h.token("demo") };
          const dir = h.server.directory;
          for (const r of requests) {
            const fill = (p: string) =>
              p
                .replace("{project}", dir.projects[1]?.id ?? "x")
                .replace("{user}", dir.users[0]?.id ?? "x")
                .replace("{role}", dir.roles[0]?.id ?? "x")
                .replace("{x}", "zzz");
            const headers: Record<string, string> = { "Content-Type": "application/json" };
            if (r.subject !== "none") headers["X-Subject-Token"] = r.subject === "bogus" ? "gAAAAAbogus" : tokens[r.subject];
            const token = r.who === "admin" || r.who === "demo" ? tokens[r.who] : r.who === "forged" ? "gAAAAAforged" : undefined;
            const before = JSON.stringify(dir);
            const res = await h.call(r.method, `/identity${fill(r.path)}`, {
              ...(token ? { token } : {}),
              headers,
              ...(r.method !== "GET" && r.method !== "HEAD" ? { body: JSON.stringify(r.body) } : {}),
            });
            expect(res.status, `${r.method} ${r.path} → ${res.text}`).toBeLessThan(500);
            expect(res.text).not.toMatch(/\.ts:\d+|node_modules|at async/);
            if (r.who !== "admin" && r.path !== "/v3/auth/tokens")
              expect(JSON.stringify(dir), `${r.who} ${r.method} ${r.path}`).toBe(before);
            // Only the admin (or the admin's own token) may read or revoke the admin's token.
            if (r.path === "/v3/auth/tokens" && r.subject === "admin" && r.who === "demo" && ["GET", "HEAD", "DELETE"].includes(r.method))
              expect(res.status).toBe(403);
          }
          // The admin's token goes only by the admin's own deletes (its token, its user, a grant).
          const adminDeleted = requests.some((r) => r.who === "admin" && r.method === "DELETE");
          if (!adminDeleted) expect(h.server.tokens.validate(tokens.admin)).toBeDefined();
        } finally {
          await h.server.close();
        }
      }),
      { numRuns: 40, seed: 20261203 },
    );
  });
});
