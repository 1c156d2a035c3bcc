import { describe, expect, it } from "vitest";
import { createRestHandler } from "../rest/index.ts";
import { restClient } from "../rest/testing/index.ts";
import type { RestAuth } from "../rest/index.ts";
import type { SimulatedCloud } from "../cloud/index.ts";
import { newCloud, readyVolume } from "./helpers/index.ts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function restCloud(): Promise<{ cloud: SimulatedCloud; call: ReturnType<typeof restClient>; demo: RestAuth; admin: RestAuth }> {
  const cloud = await newCloud();
  const demo = { userId: cloud.users.demo.userId, projectId: cloud.users.demo.projectId, roles: ["member", "reader"] };
  const admin = { userId: cloud.users.admin.userId, projectId: cloud.users.admin.projectId, roles: ["admin", "member", "reader"] };
  return { cloud, call: restClient(createRestHandler(cloud)), demo, admin };
}

// The §3 routes, codes and error mapping end to end: REST layer over the simulated cloud
// (api/contrib/backups.py, api/v3/backups.py, admin_actions.py:BackupAdminController).
describe("backup REST routes over the simulated cloud (spec §3)", () => {
  it("§3 create 202, restore 202, export 200, import 201, reset 202, delete 202, force delete 202", async () => {
    const { cloud, call, demo, admin } = await restCloud();
    const vol = await readyVolume(cloud, cloud.context("demo"));
    const c = await call("POST", "backups", { auth: demo, version: "3.0", body: { backup: { volume_id: vol, name: "b" } } });
    expect(c.status).toBe(202);
    const id = (c.body as Json)["backup"].id as string;
    expect(Object.keys((c.body as Json)["backup"])).toEqual(["id", "name", "links"]);
    await cloud.settle();
    const r = await call("POST", `backups/${id}/restore`, { auth: demo, body: { restore: { volume_id: null, name: "r" } } });
    expect(r.status).toBe(202);
    expect((r.body as Json)["restore"]).toMatchObject({ backup_id: id, volume_name: "r" });
    await cloud.settle();
    const e = await call("GET", `backups/${id}/export_record`, { auth: admin });
    expect(e.status).toBe(200);
    const rec = (e.body as Json)["backup-record"];
    expect(Object.keys(rec).sort()).toEqual(["backup_service", "backup_url"]);
    const reset = await call("POST", `backups/${id}/action`, { auth: admin, body: { "os-reset_status": { status: "error" } } });
    expect(reset.status).toBe(202);
    await cloud.settle();
    const del = await call("DELETE", `backups/${id}`, { auth: demo });
    expect(del.status).toBe(202);
    await cloud.settle();
    const imp = await call("POST", "backups/import_record", { auth: admin, body: { "backup-record": rec } });
    expect(imp.status).toBe(201);
    expect((imp.body as Json)["backup"].id).toBe(id);
    await cloud.settle();
    const b2 = await call("POST", "backups", { auth: demo, body: { backup: { volume_id: vol } } });
    const id2 = (b2.body as Json)["backup"].id as string;
    const force = await call("POST", `backups/${id2}/action`, { auth: admin, body: { "os-force_delete": {} } });
    expect(force.status).toBe(202);
    await cloud.settle();
    expect(cloud.db.backup(id2)!.deleted).toBe(true);
  });

  it("§3 QuotaError → 413 with Retry-After: 0; ServiceNotFound on import → 503; other project → 404; policy → 403", async () => {
    const { cloud, call, demo, admin } = await restCloud();
    await cloud.ops.quotas.update(cloud.context("admin"), cloud.users.demo.projectId, { backups: 0 });
    const vol = await readyVolume(cloud, cloud.context("demo"));
    const q = await call("POST", "backups", { auth: demo, body: { backup: { volume_id: vol } } });
    expect(q.status).toBe(413);
    expect(q.headers["Retry-After"] ?? q.headers["retry-after"]).toBe("0");
    expect(JSON.stringify(q.body)).toContain("Maximum number of backups allowed (0) exceeded");
    const av = await readyVolume(cloud, cloud.context("admin"));
    await cloud.ops.backups.create(cloud.context("admin"), { volume_id: av });
    await cloud.settle();
    const ab = cloud.db.backups()[0]!;
    expect((await call("GET", `backups/${ab.id}`, { auth: demo })).status).toBe(404);
    expect((await call("GET", `backups/${ab.id}/export_record`, { auth: demo })).status).toBe(404);
    const rec = await cloud.ops.backups.exportRecord(cloud.context("admin"), ab.id);
    expect((await call("POST", "backups/import_record", { auth: demo, body: { "backup-record": rec } })).status).toBe(403);
    cloud.faults.stopService("cinder-backup", "site1");
    cloud.faults.stopService("cinder-backup", "site2");
    await cloud.advance(cloud.inspect.config.service_down_time * 1000 + 11_000);
    cloud.faults.dbLoss();
    expect((await call("POST", "backups/import_record", { auth: admin, body: { "backup-record": rec } })).status).toBe(503);
  });

  it("§3.8 detail never exposes host, service, service_metadata, parent_id, temp ids, restore_volume_id or num_dependent_backups", async () => {
    const { cloud, call, demo } = await restCloud();
    const vol = await readyVolume(cloud, cloud.context("demo"));
    await cloud.ops.backups.create(cloud.context("demo"), { volume_id: vol });
    await cloud.settle();
    await cloud.ops.backups.create(cloud.context("demo"), { volume_id: vol, incremental: true });
    await cloud.settle();
    const d = await call("GET", "backups/detail", { auth: demo, version: "3.64" });
    expect(d.status).toBe(200);
    const items = (d.body as Json)["backups"] as Json[];
    expect(items).toHaveLength(2);
    for (const b of items) {
      for (const k of [
        "host",
        "service",
        "service_metadata",
        "parent_id",
        "temp_volume_id",
        "temp_snapshot_id",
        "restore_volume_id",
        "num_dependent_backups",
      ])
        expect(b, k).not.toHaveProperty(k);
      expect(b["status"]).toBe("available");
    }
    expect(items.map((b) => b["is_incremental"]).sort()).toEqual([false, true]);
    expect(items.map((b) => b["has_dependent_backups"]).sort()).toEqual([false, true]);
  });

  it("§3.8 non-admin filter keys: silently dropped before 3.31, 400 from 3.31", async () => {
    const { cloud, call, demo } = await restCloud();
    const vol = await readyVolume(cloud, cloud.context("demo"));
    await cloud.ops.backups.create(cloud.context("demo"), { volume_id: vol });
    await cloud.settle();
    const old = await call("GET", "backups", { auth: demo, version: "3.30", query: { host: "nowhere" } });
    expect(old.status).toBe(200);
    expect((old.body as Json)["backups"]).toHaveLength(1);
    const now = await call("GET", "backups", { auth: demo, version: "3.31", query: { host: "nowhere" } });
    expect(now.status).toBe(400);
  });

  it("§3.8 all_tenants must be boolean-like for an admin (a member's is dropped); sort=name (3.37), with_count (3.45), admin filters on any column", async () => {
    const { cloud, call, demo, admin } = await restCloud();
    const ctx = cloud.context("demo");
    const v1 = await readyVolume(cloud, ctx, 1, { az: "az1" });
    const v2 = await readyVolume(cloud, ctx, 1, { az: "az2" });
    for (const [v, name] of [
      [v1, "bravo"],
      [v2, "alpha"],
      [v1, "charlie"],
    ] as const) {
      await cloud.ops.backups.create(ctx, { volume_id: v, name });
      await cloud.settle();
    }
    const bad = await call("GET", "backups", { auth: admin, query: { all_tenants: "maybe" } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("all_tenants must be a boolean, got 'maybe'.");
    // A member's all_tenants is dropped before API.get_all (remove_invalid_filter_options; from 3.31
    // reject_invalid_filters ignores it, bug 1917574), so it is never parsed.
    expect((await call("GET", "backups", { auth: demo, query: { all_tenants: "maybe" } })).status).toBe(200);
    expect((await call("GET", "backups", { auth: demo, version: "3.31", query: { all_tenants: "maybe" } })).status).toBe(200);
    const sorted = await call("GET", "backups/detail", { auth: demo, version: "3.45", query: { sort: "name:asc", with_count: "true" } });
    expect(sorted.status).toBe(200);
    expect(((sorted.body as Json)["backups"] as Json[]).map((b) => b["name"])).toEqual(["alpha", "bravo", "charlie"]);
    expect((sorted.body as Json)["count"]).toBe(3);
    const onSite2 = await call("GET", "backups/detail", { auth: admin, version: "3.45", query: { all_tenants: "1", host: "site2" } });
    expect(onSite2.status).toBe(200);
    expect(((onSite2.body as Json)["backups"] as Json[]).map((b) => b["name"])).toEqual(["alpha"]);
  });
});
