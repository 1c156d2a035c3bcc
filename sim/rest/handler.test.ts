import { describe, expect, it } from "vitest";
import { createRestHandler } from "./handler.ts";
import { ADMIN, DEMO, createFakeCloud, restClient } from "./testing/index.ts";

const WEBOB_400 = "The server could not comply with the request since it is either malformed or otherwise incorrect.";

describe("cinder-api WSGI pipeline: size limit, auth, routing, bodies, actions, project check", () => {
  const reports: string[] = [];
  const cloud = createFakeCloud();
  const call = restClient(createRestHandler(cloud, { cinderCrashes: "faithful", onInternalError: (r) => reports.push(r.reason) }));

  it("bodies over osapi_max_request_body_size get webob's 413 before auth", async () => {
    const r = await call("POST", "backups", { auth: null, raw: "x".repeat(114689) });
    expect(r.status).toBe(413);
    expect(r.body).toEqual({
      message: "Request is too large. Larger than max_request_body_size (114688).<br /><br />\n\n\n",
      code: "413 Request Entity Too Large",
      title: "Request Entity Too Large",
    });
    expect((await call("POST", "backups", { raw: "x".repeat(114688) })).status).toBe(400);
  });

  it("no token: keystonemiddleware's 401", async () => {
    const r = await call("GET", "/v3/demo/backups", { auth: null });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ error: { code: 401, title: "Unauthorized", message: "The request you have made requires authentication." } });
  });

  it("unknown paths and methods: webob's bare 404", async () => {
    for (const [m, p] of [
      ["GET", "nothing"],
      ["PATCH", "backups"],
      ["DELETE", "backups"],
      ["GET", "backups/x/y/z"],
      ["GET", "/v4/"],
    ] as const) {
      const r = await call(m, p);
      expect(r.status, `${m} ${p}`).toBe(404);
      expect(r.body).toEqual({ message: "The resource could not be found.<br /><br />\n\n\n", code: "404 Not Found", title: "Not Found" });
    }
  });

  it("malformed JSON → 400 Malformed request body; wrong Content-Type → 415", async () => {
    expect((await call("POST", "backups", { raw: "{nope" })).body).toEqual({
      badRequest: { code: 400, message: "Malformed request body" },
    });
    const r = await call("POST", "backups", { raw: "{}", headers: { "Content-Type": "text/plain" } });
    expect(r.status).toBe(415);
    expect(r.body).toEqual({ badMediaType: { code: 415, message: "Unsupported Content-Type" } });
  });

  it("action peeking: no body, several keys, non-dicts and unknown actions", async () => {
    const id = "00000000-0000-4000-8000-000000000abc";
    expect((await call("POST", `backups/${id}/action`)).body).toEqual({
      badRequest: { code: 400, message: "There is no such action: None. Verify the request body and Content-Type header and try again." },
    });
    expect((await call("POST", `backups/${id}/action`, { body: { a: 1, b: 2 } })).body).toEqual({
      badRequest: { code: 400, message: "Malformed request body" },
    });
    expect((await call("POST", `backups/${id}/action`, { body: ["x"] })).body).toEqual({
      itemNotFound: { code: 404, message: "The resource could not be found." },
    });
    expect((await call("POST", `backups/${id}/action`, { body: 7 })).status).toBe(404);
    expect((await call("POST", `backups/${id}/action`, { body: { "os-explode": {} } })).body).toEqual({
      badRequest: {
        code: 400,
        message: "There is no such action: os-explode. Verify the request body and Content-Type header and try again.",
      },
    });
  });

  it("a project id in the URL other than the token's → 400 Malformed request url; project-less URLs work", async () => {
    expect((await call("GET", "/v3/0123abcd/backups")).body).toEqual({ badRequest: { code: 400, message: "Malformed request url" } });
    expect((await call("GET", "/v3/backups")).status).toBe(200);
    const links = (await call("GET", "/v3/volumes", { auth: ADMIN })).status;
    expect(links).toBe(200);
  });

  it("a body on a method without one → 400 (TypeError); a validated method without a body → cinder's 500", async () => {
    expect((await call("GET", "backups", { body: {} })).body).toEqual({ badRequest: { code: 400, message: WEBOB_400 } });
    reports.length = 0;
    const r = await call("POST", "backups");
    expect(r.status).toBe(500);
    expect(r.body).toEqual({
      computeFault: { code: 500, message: "The server has either erred or is incapable of performing the requested operation." },
    });
    expect(reports).toEqual(["KeyError: 'body' (validated method called without a body)"]);
  });

  it("cinder's stray 'type' property in its schemas is an AttributeError (500)", async () => {
    reports.length = 0;
    const r = await call("POST", "backups", { body: { type: "x", backup: { volume_id: "00000000-0000-4000-8000-000000000001" } } });
    expect(r.status).toBe(500);
    expect(reports[0]).toContain("AttributeError");
  });

  it("JSON nested past Python's recursion limit is cinder's 500; just below it validates normally", async () => {
    reports.length = 0;
    const deep = (n: number): string => `{"backup": ${"[".repeat(n)}${"]".repeat(n)}}`;
    expect((await call("POST", "backups", { raw: deep(5000) })).status).toBe(500);
    expect(reports).toEqual(["RecursionError: JSON nested deeper than Python's recursion limit"]);
    const ok = await call("POST", "backups", { raw: deep(898) });
    expect(ok.status).toBe(400);
    expect((ok.body as { badRequest: { message: string } }).badRequest.message).toMatch(
      /^Invalid input for field\/attribute backup\. Value: \[\[\[/,
    );
    expect(
      (await call("POST", "backups/x/action", { raw: `{"os-reset_status": ${'{"a": '.repeat(3000)}1${"}".repeat(3000)}}` })).status,
    ).toBe(500);
  });

  it("request ids come from the cloud's context and every answer carries one", async () => {
    const r = await call("GET", "backups", { auth: DEMO });
    expect(r.headers["x-openstack-request-id"]).toMatch(/^req-/);
    expect(r.headers["x-compute-request-id"]).toBe(r.headers["x-openstack-request-id"]);
    expect(r.headers["Content-Type"]).toBe("application/json");
    expect((await call("GET", "/v3/demo/nothing")).headers["x-compute-request-id"]).toBeUndefined();
  });
});

describe("routing details", () => {
  const call = restClient(createRestHandler(createFakeCloud()));

  it("the versions index has no project-scoped copy (keystoneauth then falls back to the root)", async () => {
    expect((await call("GET", "/v3/demo")).status).toBe(404);
    expect((await call("GET", "/v3/")).status).toBe(200);
    const r = await call("GET", "/v3", { auth: null });
    expect(r.status).toBe(302);
    expect(r.headers["Location"]).toBe("http://127.0.0.1:8776/volume/v3/");
  });

  it("next links move `marker` to the end like webob's MultiDict", async () => {
    const cloud = createFakeCloud();
    const c = restClient(createRestHandler(cloud));
    const ctx = cloud.context("demo");
    const v = await cloud.ops.volumes.create(ctx, { size: 1 });
    const a = await cloud.ops.backups.create(ctx, { volume_id: v.id });
    const b = await cloud.ops.backups.create(ctx, { volume_id: v.id });
    const r = await c("GET", "backups", { query: { marker: "zzz", limit: "1", sort: "created_at:asc" } });
    expect(r.status).toBe(404);
    const page = (await c("GET", "backups", { query: { marker: a.id, limit: "1" } })).body as { backups_links: Array<{ href: string }> };
    expect(page.backups_links[0]?.href).toBe(`http://127.0.0.1:8776/volume/v3/demo/backups?limit=1&marker=${b.id}`);
  });

  it("routes accept the `.json` format suffix (APIMapper)", async () => {
    expect((await call("GET", "backups/detail.json")).status).toBe(200);
    expect((await call("GET", "backups.json")).status).toBe(200);
    expect((await call("GET", "backups/detail.xml")).body).toEqual({
      itemNotFound: { code: 404, message: "Backup detail.xml could not be found." },
    });
  });
});

describe("cinder's own crashes on bad input, by default", () => {
  it("answer 400 with the reason instead of cinder's 500 (cinderCrashes: 'safe')", async () => {
    const cloud = createFakeCloud();
    const call = restClient(createRestHandler(cloud));
    const deepBody = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    const r = await call("POST", "backups", { raw: deepBody });
    expect(r.status).toBe(400);
    expect((r.body as { badRequest: { message: string } }).badRequest.message).toMatch(
      /^Malformed request: RecursionError.*\(cinder 21\.3\.1 answers 500 here\)$/,
    );
    const v = await call("GET", "backups", { headers: { "OpenStack-API-Version": "volume" } });
    expect(v.status).toBe(400);
  });
});
