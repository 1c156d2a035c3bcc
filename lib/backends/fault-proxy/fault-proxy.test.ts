import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultFor, type FaultPlan } from "./fault-plan.ts";
import { FaultProxy } from "./fault-proxy.ts";
import { describeRetryBehaviour, retryBehaviour } from "./retry-behaviour.ts";
import { isObjectRequest } from "./store-dialect.ts";

// A stand-in store: echoes the Host header it got, and serves 1000-byte objects.
let store: Server;
let proxy: FaultProxy;
const stored = new Map<string, Buffer>();
beforeAll(async () => {
  store = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method === "PUT") stored.set(req.url!, Buffer.concat(chunks));
      const body = req.method === "GET" ? (stored.get(req.url!) ?? Buffer.alloc(0)) : Buffer.alloc(0);
      res.writeHead(req.method === "PUT" ? 201 : 200, {
        "x-seen-host": req.headers.host ?? "",
        "content-length": String(body.length),
        // as radosgw answers Swift v1 auth: a storage URL naming the store itself
        ...(req.url === "/auth/v1.0" ? { "x-storage-url": `http://localhost:${(store.address() as AddressInfo).port}/swift/v1` } : {}),
      });
      res.end(body);
    });
  });
  await new Promise<void>((ok) => store.listen(0, "127.0.0.1", ok));
  proxy = await FaultProxy.start(`http://127.0.0.1:${(store.address() as AddressInfo).port}`, "s3");
});
afterAll(async () => {
  await proxy.stop();
  await new Promise((ok) => store.close(ok));
});

const object = (n: number) => `${proxy.url}/bucket/obj-${n}`;

describe("FaultProxy", () => {
  it("passes requests through with the client's Host header when no plan is set", async () => {
    const put = await fetch(object(1), { method: "PUT", body: Buffer.alloc(1000, 7) });
    expect(put.status).toBe(201);
    expect(put.headers.get("x-seen-host")).toBe(new URL(proxy.url).host);
    const got = Buffer.from(await (await fetch(object(1))).arrayBuffer());
    expect(got.equals(Buffer.alloc(1000, 7))).toBe(true);
    expect(proxy.log().map((r) => [r.method, r.object, r.fault, r.upstreamStatus])).toEqual([
      ["PUT", true, null, 201],
      ["GET", true, null, 200],
    ]);
  });

  it("points a Swift auth answer's storage URL at the proxy, so the driver's object requests come back through it", async () => {
    const r = await fetch(`${proxy.url}/auth/v1.0`);
    expect(r.headers.get("x-storage-url")).toBe(`${proxy.url}/swift/v1`);
  });

  it("answers 503 SlowDown (S3's throttle) and 500 without reaching the store, and logs each", async () => {
    proxy.use({ seed: 1, rate: 1, faults: ["throttle"] });
    const r = await fetch(object(2), { method: "PUT", body: "x" });
    expect(r.status).toBe(503);
    expect(await r.text()).toContain("<Code>SlowDown</Code>");
    expect(stored.has("/bucket/obj-2")).toBe(false);
    proxy.use({ seed: 1, rate: 1, faults: ["http-500"] });
    expect((await fetch(object(1))).status).toBe(500);
    expect(proxy.log()[0]).toMatchObject({ fault: "http-500", upstreamStatus: null });
  });

  it("drops the connection (reset) and cuts a body halfway (truncate)", async () => {
    proxy.use({ seed: 1, rate: 1, faults: ["reset"] });
    await expect(fetch(object(1))).rejects.toThrow();
    proxy.use({ seed: 1, rate: 1, faults: ["truncate"] });
    const r = await fetch(object(1));
    expect(r.headers.get("content-length")).toBe("1000");
    await expect(r.arrayBuffer()).rejects.toThrow();
    expect(proxy.log()[0]).toMatchObject({ fault: "truncate", upstreamStatus: 200 });
  });

  it("reports retries: a faulted request sent again counts as retried", () => {
    const b = retryBehaviour([
      { seq: 0, method: "GET", path: "/bucket/obj-1", object: true, fault: "http-503", upstreamStatus: null },
      { seq: 1, method: "GET", path: "/bucket/obj-1", object: true, fault: null, upstreamStatus: 200 },
      { seq: 2, method: "PUT", path: "/bucket/obj-9", object: true, fault: "reset", upstreamStatus: null },
    ]);
    expect(b).toMatchObject({ objectRequests: 3, faults: 2, retried: 1, abandoned: 1 });
    expect(describeRetryBehaviour(b)).toBe("3 object requests, 2 faults: 1 retried (http-503 1/1, reset 0/1), 1 abandoned");
  });
});

describe("fault plans", () => {
  it("are a pure function of seed and request index, at about the planned rate", () => {
    const plan: FaultPlan = { seed: 42, rate: 0.25, faults: ["http-500", "reset"] };
    const draw = () => Array.from({ length: 2000 }, (_, i) => faultFor(plan, i, "PUT"));
    const a = draw();
    expect(draw()).toEqual(a);
    const hit = a.filter(Boolean).length / a.length;
    expect(hit).toBeGreaterThan(0.2);
    expect(hit).toBeLessThan(0.3);
    expect(new Set(a.filter(Boolean))).toEqual(new Set(["http-500", "reset"]));
    expect(faultFor({ ...plan, after: 5 }, 4, "PUT")).toBeNull();
    expect(faultFor({ ...plan, rate: 1, methods: ["GET"] }, 0, "PUT")).toBeNull();
  });

  it("target object requests only, per store dialect", () => {
    expect(isObjectRequest("swift", "PUT", "/v1/AUTH_test/c/vol/obj-00001")).toBe(true);
    expect(isObjectRequest("swift", "GET", "/auth/v1.0")).toBe(false);
    expect(isObjectRequest("swift", "PUT", "/v1/AUTH_test/c")).toBe(false);
    expect(isObjectRequest("swift", "PUT", "/swift/v1/c/vol/obj-00001")).toBe(true); // radosgw
    expect(isObjectRequest("swift", "PUT", "/swift/v1/c")).toBe(false);
    expect(isObjectRequest("swift", "GET", "/auth/v1.0")).toBe(false);
    expect(isObjectRequest("s3", "PUT", "/bucket/key/part")).toBe(true);
    expect(isObjectRequest("s3", "PUT", "/bucket")).toBe(false);
    expect(isObjectRequest("gcs", "POST", "/upload/storage/v1/b/bkt/o?uploadType=media&name=x")).toBe(true);
    expect(isObjectRequest("gcs", "GET", "/storage/v1/b/bkt/o/a%2Fb?alt=media")).toBe(true);
    expect(isObjectRequest("gcs", "GET", "/storage/v1/b/bkt/o?prefix=x")).toBe(false);
    expect(isObjectRequest("gcs", "POST", "/token")).toBe(false);
  });
});
