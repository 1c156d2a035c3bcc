import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { startRealServer } from "./testing/real-cloud.ts";

const nameOrId = fc.oneof(fc.constantFrom("admin", "demo", "eve", ""), fc.string({ maxLength: 6 }));
const authBody = fc.oneof(
  fc.record({
    auth: fc.record(
      {
        identity: fc.record(
          {
            methods: fc.oneof(fc.constant(["password"]), fc.constant(["token"]), fc.array(fc.string(), { maxLength: 2 }), fc.string()),
            password: fc.record(
              {
                user: fc.record(
                  {
                    name: nameOrId,
                    id: nameOrId,
                    password: nameOrId,
                    domain: fc.record(
                      { name: fc.constantFrom("Default", "Other"), id: fc.constantFrom("default", "x") },
                      { requiredKeys: [] },
                    ),
                  },
                  { requiredKeys: [] },
                ),
              },
              { requiredKeys: [] },
            ),
            token: fc.record({ id: fc.string() }, { requiredKeys: [] }),
          },
          { requiredKeys: [] },
        ),
        scope: fc.oneof(
          fc.record({
            project: fc.record(
              { name: nameOrId, id: nameOrId, domain: fc.record({ name: fc.constantFrom("Default", "x") }) },
              { requiredKeys: [] },
            ),
          }),
          fc.constant("unscoped"),
          fc.jsonValue({ maxDepth: 2 }),
        ),
      },
      { requiredKeys: [] },
    ),
  }),
  fc.jsonValue({ maxDepth: 3 }),
);
const simBody = fc.oneof(
  fc.record(
    {
      kind: fc.constantFrom("db-loss", "service-stop", "service-start", "meteor"),
      binary: fc.constantFrom("cinder-backup", "cinder-volume", "nope"),
      host: fc.constantFrom("site1", "site2", "site1@lvm", "x"),
    },
    { requiredKeys: ["kind"] },
  ),
  fc.record({ seconds: fc.oneof(fc.double({ min: -10, max: 1e7, noNaN: true }), fc.string()) }, { requiredKeys: [] }),
  fc.jsonValue({ maxDepth: 2 }),
);

const validAuth = fc
  .record({ user: fc.constantFrom("admin", "demo"), project: fc.constantFrom("admin", "demo") })
  .map(({ user, project }) =>
    JSON.stringify({
      auth: {
        identity: { methods: ["password"], password: { user: { name: user, domain: { name: "Default" }, password: user } } },
        scope: { project: { name: project, domain: { name: "Default" } } },
      },
    }),
  );
const validFault = fc
  .oneof(
    fc.constant({ kind: "db-loss" }),
    fc.record({
      kind: fc.constantFrom("service-stop", "service-start"),
      binary: fc.constantFrom("cinder-backup", "cinder-volume", "cinder-scheduler"),
      host: fc.constantFrom("site1", "site2", "site1@lvm", "controller"),
    }),
  )
  .map((b) => JSON.stringify(b));
const validAdvance = fc.double({ min: 0, max: 600, noNaN: true }).map((seconds) => JSON.stringify({ seconds }));
const anyText = fc.string({ maxLength: 30 });

const identity = (method: fc.Arbitrary<string>, path: fc.Arbitrary<string>, body: fc.Arbitrary<string>) =>
  fc.record({ target: fc.constant("identity" as const), method, path, body, subject: fc.constantFrom("admin", "demo", "bogus", "none") });
const sim = (method: fc.Arbitrary<string>, path: fc.Arbitrary<string>, body: fc.Arbitrary<string>) =>
  fc.record({
    target: fc.constant("sim" as const),
    method,
    path,
    body,
    subject: fc.constantFrom("admin", "admin", "admin", "demo", "none"),
  });

/** Mostly well-formed requests of each kind (so they reach the model), plus random ones. */
const request = fc.oneof(
  identity(
    fc.constant("POST"),
    fc.constantFrom("/v3/auth/tokens", "/v3/auth/tokens?nocatalog"),
    fc.oneof(
      { weight: 3, arbitrary: validAuth },
      { weight: 1, arbitrary: authBody.map((b) => JSON.stringify(b)) },
      { weight: 1, arbitrary: anyText },
    ),
  ),
  identity(fc.constantFrom("GET", "HEAD", "DELETE"), fc.constant("/v3/auth/tokens"), fc.constant("")),
  identity(
    fc.constantFrom("GET", "POST", "DELETE", "HEAD", "PUT"),
    fc.constantFrom("", "/", "/v3", "/v3/auth/tokens", "/v3/users"),
    anyText,
  ),
  sim(
    fc.constant("POST"),
    fc.constant("/v1/faults"),
    fc.oneof(
      { weight: 4, arbitrary: validFault },
      { weight: 1, arbitrary: simBody.map((b) => JSON.stringify(b)) },
      { weight: 1, arbitrary: anyText },
    ),
  ),
  sim(
    fc.constant("POST"),
    fc.constant("/v1/time/advance"),
    fc.oneof(
      validAdvance,
      simBody.map((b) => JSON.stringify(b)),
    ),
  ),
  sim(
    fc.constant("PUT"),
    fc.constantFrom("/v1/volumes/{volume}/data?offset=0", "/v1/volumes/{volume}/data?offset=1048570", "/v1/volumes/{volume}/data?offset=x"),
    anyText,
  ),
  sim(
    fc.constantFrom("GET", "POST", "PUT", "DELETE"),
    fc.constantFrom("/v1/trace", "/v1/volumes/{volume}/sha256", "/v1/volumes/nope/sha256", "/v1/other"),
    anyText,
  ),
);

describe("identity and simulator API under random requests", () => {
  it("never answer 5xx, and the model stays consistent (faults included)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 10 }), async (requests) => {
        const h = await startRealServer(5);
        try {
          const tokens: Record<string, string> = { admin: await h.token("admin"), demo: await h.token("demo"), bogus: "gAAAAAbogus" };
          const vol = await h.cloud.ops.volumes.create(h.cloud.context("demo"), { size: 1 });
          await h.cloud.settle();
          for (const r of requests) {
            const path = r.path.replace("{volume}", vol.id);
            const headers: Record<string, string> = {};
            const token = tokens[r.subject];
            if (r.target === "identity" && token) headers["X-Subject-Token"] = token;
            const res = await h.call(r.method, `/${r.target}${path}`, {
              ...(tokens["admin"] && r.subject !== "none" ? { token: r.target === "sim" ? (token ?? "") : tokens["admin"] } : {}),
              ...(r.method !== "GET" && r.method !== "HEAD" ? { body: r.body } : {}),
              headers,
            });
            expect(res.status, `${r.method} /${r.target}${path} ${r.body} → ${res.status} ${res.text}`).toBeLessThan(500);
            if (process.env["FUZZ_DEBUG"]) process.stderr.write(`${res.status} ${r.method} /${r.target}${r.path}\n`);
          }
          await h.cloud.settle();
          expect(h.cloud.inspect.invariants()).toEqual([]);
          expect(h.internalErrors).toEqual([]);
        } finally {
          await h.server.close();
        }
      }),
      { numRuns: 40, seed: 4242 },
    );
  });
});
