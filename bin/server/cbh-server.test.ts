import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { publicBaseUrl } from "./public-base.ts";
import { startHarness, type Harness } from "./testing/harness.ts";

describe("cbh serve HTTP layer", () => {
  let h: Harness;
  afterEach(async () => h.server.close());

  it("binds 127.0.0.1 by default and reports the auth URL", async () => {
    h = await startHarness();
    expect(h.server.host).toBe("127.0.0.1");
    expect(h.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(h.server.authUrl).toBe(`${h.server.url}/identity/v3`);
  });

  it("passes /volume requests to the REST handler with the token's identity, then settles", async () => {
    h = await startHarness();
    const demo = await h.token("demo");
    const r = await h.call("GET", `/volume/v3/${"d".repeat(32)}/backups?limit=2`, { token: demo });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({
      path: `/v3/${"d".repeat(32)}/backups`,
      auth: { userId: "demo-user-id", userName: "demo", projectId: "d".repeat(32), projectName: "demo", roles: ["member", "reader"] },
    });
    expect(h.seen[0]?.query.get("limit")).toBe("2");
    expect(h.seen[0]?.baseUrl).toBe(h.server.url);
    expect(h.cloud.calls).toContain("settle");
  });

  it("lets the root version document through without a token, and nothing else", async () => {
    h = await startHarness();
    expect((await h.call("GET", "/volume/")).status).toBe(200);
    const r = await h.call("GET", "/volume/v3/x/backups");
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toBe(`Keystone uri="${h.server.url}/identity"`);
    expect(r.json()).toEqual({
      error: { code: 401, title: "Unauthorized", message: "The request you have made requires authentication." },
    });
    expect((await h.call("GET", "/volume/v3/x/backups", { token: "gAAAAAforged" })).status).toBe(401);
    expect(h.seen.map((s) => s.path)).toEqual(["/"]);
  });

  it("refuses expired tokens on /volume and /sim", async () => {
    let now = Date.now();
    h = await startHarness({ tokenTtlSeconds: 60, now: () => now });
    const admin = await h.token("admin");
    expect((await h.call("GET", "/volume/v3/a/backups", { token: admin })).status).toBe(200);
    now += 61_000;
    expect((await h.call("GET", "/volume/v3/a/backups", { token: admin })).status).toBe(401);
    expect((await h.call("GET", "/sim/v1/trace", { token: admin })).status).toBe(401);
  });

  it("refuses oversized bodies with 413 before the handler sees them", async () => {
    h = await startHarness({ maxBodyBytes: 1000 });
    const demo = await h.call("POST", "/identity/v3/auth/tokens", { body: "x".repeat(2000) });
    expect(demo.status).toBe(413);
    const admin = await h.token("admin");
    const r = await h.call("POST", "/volume/v3/a/backups", { token: admin, body: JSON.stringify({ backup: { name: "x".repeat(5000) } }) });
    expect(r.status).toBe(413);
    expect(h.seen).toHaveLength(0);
  });

  it("answers unknown paths with 404 and handler crashes with cinder's 500 body, no stack trace", async () => {
    h = await startHarness({}, async () => {
      throw new Error("boom at secret/path.ts:12");
    });
    expect((await h.call("GET", "/nowhere")).status).toBe(404);
    expect((await h.call("GET", "/identityx")).status).toBe(404);
    const admin = await h.token("admin");
    const r = await h.call("GET", "/volume/v3/a/volumes", { token: admin });
    expect(r.status).toBe(500);
    expect(r.json()).toEqual({
      computeFault: { code: 500, message: "The server has either erred or is incapable of performing the requested operation." },
    });
    expect(r.text).not.toContain("secret");
    expect((await h.call("GET", "/identity/v3")).status).toBe(200);
  });

  it("serves the image discovery OSC needs", async () => {
    h = await startHarness();
    const r = await h.call("GET", "/image");
    expect(r.status).toBe(300);
    expect(r.json()).toEqual({
      versions: [{ id: "v2.16", status: "CURRENT", links: [{ rel: "self", href: `${h.server.url}/image/v2/` }] }],
    });
  });

  it("processes requests one at a time, settling after each", async () => {
    const order: string[] = [];
    let slowStarted: () => void = () => undefined;
    const started = new Promise<void>((r) => (slowStarted = r));
    h = await startHarness({}, async (req) => {
      order.push(`start ${req.path}`);
      if (req.path === "/slow") {
        slowStarted();
        await new Promise((r) => setTimeout(r, 100));
      }
      order.push(`end ${req.path}`);
      return { status: 200, headers: {}, body: { ok: true } };
    });
    const settle = h.cloud.settle;
    h.cloud.settle = async () => {
      order.push("settle");
      await settle();
    };
    const admin = await h.token("admin");
    const slow = h.call("GET", "/volume/slow", { token: admin });
    await started;
    const fast = h.call("GET", "/volume/fast", { token: admin });
    expect([(await slow).status, (await fast).status]).toEqual([200, 200]);
    expect(order).toEqual(["start /slow", "end /slow", "settle", "start /fast", "end /fast", "settle"]);
  });
});

describe("cbh serve under hostile connections", () => {
  let h: Harness;
  afterEach(async () => h.server.close());

  const raw = (port: number, bytes: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const sock = connect(port, "127.0.0.1", () => sock.end(bytes));
      let out = "";
      sock.on("data", (d) => (out += d.toString()));
      sock.on("end", () => resolve(out));
      sock.on("error", reject);
    });

  it("answers garbage on the socket with 400 and keeps serving", async () => {
    h = await startHarness();
    expect(await raw(h.server.port, "\x16\x03\x01 not http at all\r\n\r\n")).toMatch(/^HTTP\/1\.1 400 /);
    expect(await raw(h.server.port, "GET /identity HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n")).toMatch(/^HTTP\/1\.1 400 /);
    expect((await h.call("GET", "/identity/v3")).status).toBe(200);
  });

  it("refuses a chunked upload once it passes the limit, without buffering the rest", async () => {
    h = await startHarness({ maxBodyBytes: 1024 });
    const admin = await h.token("admin");
    const chunk = (s: string) => `${s.length.toString(16)}\r\n${s}\r\n`;
    const req = `POST /volume/v3/a/backups HTTP/1.1\r\nHost: x\r\nX-Auth-Token: ${admin}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${chunk("x".repeat(800))}${chunk("y".repeat(800))}0\r\n\r\n`;
    const res = await raw(h.server.port, req);
    expect(res).toMatch(/^HTTP\/1\.1 413 /);
    expect(h.seen).toHaveLength(0);
  });
});

describe("public base URL", () => {
  it("is the bound address, or a well-formed Host header when bound to every address", () => {
    const fallback = "http://127.0.0.1:8776";
    expect(publicBaseUrl("127.0.0.1", fallback, "cloud.example:8776")).toBe(fallback);
    expect(publicBaseUrl("0.0.0.0", fallback, "cloud.example:8776")).toBe("http://cloud.example:8776");
    expect(publicBaseUrl("::", fallback, "[fd00::1]:8776")).toBe("http://[fd00::1]:8776");
    expect(publicBaseUrl("0.0.0.0", fallback, 'evil/"><script>')).toBe(fallback);
    expect(publicBaseUrl("0.0.0.0", fallback, undefined)).toBe(fallback);
  });
});

describe("cbh serve memory bounds", () => {
  let h: Harness;
  afterEach(async () => h.server.close());

  it("refuses /sim uploads without an admin token before reading them", async () => {
    h = await startHarness({ maxBufferedBytes: 1024 });
    const demo = await h.token("demo");
    const r = await h.call("PUT", "/sim/v1/volumes/11111111-1111-4111-8111-111111111111/data", { token: demo, body: Buffer.alloc(4096) });
    expect(r.status).toBe(403);
    expect(r.headers.get("connection")).toBe("close");
  });

  it("answers 503 with Retry-After when request bytes held at once pass the budget, and recovers", async () => {
    let release: () => void = () => undefined;
    let entered: () => void = () => undefined;
    const inHandler = new Promise<void>((r) => (entered = r));
    h = await startHarness({ maxBufferedBytes: 3000 }, async (req) => {
      if (req.path === "/hold") {
        entered();
        await new Promise<void>((r) => (release = r));
      }
      return { status: 202, headers: {}, body: { bytes: req.body.length } };
    });
    const admin = await h.token("admin");
    const body = Buffer.alloc(2000, 1);
    const held = h.call("POST", "/volume/hold", { token: admin, body });
    await inHandler;
    const busy = await h.call("POST", "/volume/other", { token: admin, body });
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("1");
    release();
    expect((await held).status).toBe(202);
    expect((await h.call("POST", "/volume/other", { token: admin, body })).json()).toEqual({ bytes: 2000 });
  });
});
