import { afterEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { startHarness, type Harness } from "./testing/harness.ts";

const VOL = "11111111-1111-4111-8111-111111111111";

describe("/sim/v1", () => {
  let h: Harness;
  afterEach(async () => h.server.close());

  it("is for admins only: a member gets 403, no token 401", async () => {
    h = await startHarness();
    const demo = await h.token("demo");
    const r = await h.call("GET", "/sim/v1/trace", { token: demo });
    expect(r.status).toBe(403);
    expect(r.json()).toEqual({ error: { code: 403, title: "Forbidden", message: "The simulator API requires an admin token." } });
    expect((await h.call("PUT", `/sim/v1/volumes/${VOL}/data`, { token: demo, body: "x" })).status).toBe(403);
    expect((await h.call("GET", "/sim/v1/trace")).status).toBe(401);
    expect(h.cloud.calls.filter((c) => c.startsWith("write"))).toEqual([]);
  });

  it("writes raw bytes at an offset and reports the device's sha256", async () => {
    h = await startHarness();
    const admin = await h.token("admin");
    const data = Buffer.from("hello block device");
    const w = await h.call("PUT", `/sim/v1/volumes/${VOL}/data?offset=512`, { token: admin, body: data });
    expect(w.status).toBe(200);
    const expected = Buffer.alloc(4096);
    data.copy(expected, 512);
    const s = await h.call("GET", `/sim/v1/volumes/${VOL}/sha256`, { token: admin });
    expect(s.json()).toEqual({ sha256: createHash("sha256").update(expected).digest("hex"), size: 4096 });
  });

  it("rejects bad offsets, writes past the end, unknown volumes and oversized data", async () => {
    h = await startHarness({ maxDataBytes: 1024 });
    const admin = await h.token("admin");
    expect((await h.call("PUT", `/sim/v1/volumes/${VOL}/data?offset=-1`, { token: admin, body: "x" })).status).toBe(400);
    expect((await h.call("PUT", `/sim/v1/volumes/${VOL}/data?offset=abc`, { token: admin, body: "x" })).status).toBe(400);
    expect((await h.call("PUT", `/sim/v1/volumes/${VOL}/data?offset=4000`, { token: admin, body: "x".repeat(200) })).status).toBe(400);
    expect((await h.call("PUT", `/sim/v1/volumes/22222222-2222-4222-8222-222222222222/data`, { token: admin, body: "x" })).status).toBe(
      404,
    );
    expect((await h.call("GET", `/sim/v1/volumes/22222222-2222-4222-8222-222222222222/sha256`, { token: admin })).status).toBe(404);
    expect((await h.call("PUT", `/sim/v1/volumes/${VOL}/data`, { token: admin, body: Buffer.alloc(2048) })).status).toBe(413);
    expect(h.cloud.calls.filter((c) => c.startsWith("write"))).toEqual([]);
  });

  it("injects faults and validates their bodies", async () => {
    h = await startHarness();
    const admin = await h.token("admin");
    const post = (body: string) => h.call("POST", "/sim/v1/faults", { token: admin, body });
    expect((await post('{"kind":"db-loss"}')).status).toBe(202);
    expect((await post('{"kind":"service-stop","binary":"cinder-backup","host":"backup-az1"}')).status).toBe(202);
    expect((await post('{"kind":"service-start","binary":"cinder-backup","host":"backup-az1"}')).status).toBe(202);
    expect((await post('{"kind":"service-stop","binary":"cinder-backup","host":"nowhere"}')).status).toBe(404);
    expect((await post('{"kind":"db-loss","extra":1}')).status).toBe(400);
    expect((await post('{"kind":"meteor"}')).status).toBe(400);
    expect((await post('{"kind":"service-stop","binary":7,"host":"h"}')).status).toBe(400);
    expect((await post("{not json")).status).toBe(400);
    expect((await post("[]")).status).toBe(400);
    expect(h.cloud.calls.filter((c) => !c.startsWith("settle"))).toEqual([
      "dbLoss",
      "stop cinder-backup backup-az1",
      "start cinder-backup backup-az1",
    ]);
  });

  it("advances virtual time and serves the trace as JSON lines", async () => {
    h = await startHarness();
    const admin = await h.token("admin");
    const r = await h.call("POST", "/sim/v1/time/advance", { token: admin, body: '{"seconds": 1.5}' });
    expect(r.status).toBe(200);
    expect(h.cloud.calls).toContain("advance 1500");
    expect((r.json() as { now: string }).now).toBe(new Date(Date.UTC(2026, 0, 1) + 1500).toISOString());
    for (const bad of ['{"seconds": -1}', '{"seconds": "5"}', '{"seconds": 1e12}', '{"secs": 1}']) {
      expect((await h.call("POST", "/sim/v1/time/advance", { token: admin, body: bad })).status).toBe(400);
    }
    const t = await h.call("GET", "/sim/v1/trace", { token: admin });
    expect(t.headers.get("content-type")).toBe("application/x-ndjson");
    expect(t.text).toBe('{"seq":0}\n{"seq":1}\n');
    expect((await h.call("DELETE", "/sim/v1/trace", { token: admin })).status).toBe(405);
    expect((await h.call("GET", "/sim/v1/nothing", { token: admin })).status).toBe(404);
  });
});
