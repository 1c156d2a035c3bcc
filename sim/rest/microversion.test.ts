import { describe, expect, it } from "vitest";
import { createRestHandler } from "./handler.ts";
import { BASE, createFakeCloud, restClient } from "./testing/index.ts";

describe("version discovery and microversion negotiation (api/versions.py, wsgi.py)", () => {
  const handler = createRestHandler(createFakeCloud("zed"));
  const call = restClient(handler);

  it("GET / lists v3 with 300, unauthenticated, self link at the mount", async () => {
    const r = await call("GET", "/", { auth: null });
    expect(r.status).toBe(300);
    expect(r.body).toEqual({
      versions: [
        {
          id: "v3.0",
          status: "CURRENT",
          version: "3.70",
          min_version: "3.0",
          updated: "2022-08-31T00:00:00Z",
          links: [
            { rel: "describedby", type: "text/html", href: "https://docs.openstack.org/" },
            { rel: "self", href: `${BASE}/v3/` },
          ],
          "media-types": [{ base: "application/json", type: "application/vnd.openstack.volume+json;version=3" }],
        },
      ],
    });
    expect(r.headers["OpenStack-API-Version"]).toBe("volume 3.0");
    expect(r.headers["Vary"]).toBe("OpenStack-API-Version");
    expect(r.headers["x-openstack-request-id"]).toMatch(/^req-[0-9a-f-]{36}$/);
  });

  it("GET /v3/ answers 200 with the same document; master's maximum is 3.71", async () => {
    expect((await call("GET", "/v3/")).status).toBe(200);
    const master = restClient(createRestHandler(createFakeCloud("master")));
    const r = await master("GET", "/v3/", { version: "latest" });
    expect((r.body as { versions: Array<{ version: string }> }).versions[0]?.version).toBe("3.71");
    expect(r.headers["OpenStack-API-Version"]).toBe("volume 3.71");
  });

  it("`latest` negotiates the release maximum and echoes it", async () => {
    const r = await call("GET", "backups", { version: "latest" });
    expect(r.headers["OpenStack-API-Version"]).toBe("volume 3.70");
  });

  it("out-of-range versions get 406 computeFault with cinder's text", async () => {
    const r = await call("GET", "backups", { version: "3.71" });
    expect(r.status).toBe(406);
    expect(r.body).toEqual({
      computeFault: { code: 406, message: "Version 3.71 is not supported by the API. Minimum is 3.0 and maximum is 3.70." },
    });
    expect((await call("GET", "backups", { version: "2.0" })).status).toBe(406);
  });

  it("malformed version strings get 400", async () => {
    const r = await call("GET", "backups", { version: "3.01" });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      badRequest: { code: 400, message: "API Version String 3.01 is of invalid format. Must be of format MajorNum.MinorNum." },
    });
    expect((await call("GET", "backups", { version: "volume x" })).status).toBe(400);
  });

  it("a header without a volume entry is a 400 with webob's text; `volume` alone is cinder's 500", async () => {
    const r = await call("GET", "backups", { headers: { "OpenStack-API-Version": "compute 2.1" } });
    expect(r.status).toBe(400);
    expect((r.body as { badRequest: { message: string } }).badRequest.message).toContain("The server could not comply");
    const reports: string[] = [];
    const h = restClient(
      createRestHandler(createFakeCloud(), { cinderCrashes: "faithful", onInternalError: (x) => reports.push(x.reason) }),
    );
    const bad = await h("GET", "backups", { headers: { "OpenStack-API-Version": "volume" } });
    expect(bad.status).toBe(500);
    expect(Object.keys(bad.body as object)).toEqual(["computeFault"]);
    expect(reports).toEqual(["ValueError unpacking the OpenStack-API-Version volume entry"]);
  });

  it("the legacy X-OpenStack-Volume-API-Version header is ignored (3.0)", async () => {
    const r = await call("GET", "backups", { headers: { "X-OpenStack-Volume-API-Version": "3.50" } });
    expect(r.headers["OpenStack-API-Version"]).toBe("volume 3.0");
  });

  it("methods newer than the request's version are 404 itemNotFound", async () => {
    const r = await call("PUT", "backups/abc", { version: "3.8", body: { backup: { name: "x" } } });
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ itemNotFound: { code: 404, message: "The resource could not be found." } });
  });
});
