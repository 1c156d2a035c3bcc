import { describe, expect, it } from "vitest";
import { backupRow, expectCinderError, newCloud, readyVolume, settledBackup } from "./helpers/index.ts";

// backup/api.py:API.update / get / get_all (spec §3.7, §3.8).
describe("backup update, show and list (spec §3.7, §3.8)", () => {
  it("§3.7 update replaces metadata wholesale, strips name/description, works in any status", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo", "3.43");
    const vol = await readyVolume(cloud, ctx);
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol, metadata: { a: "1", b: "2" } });
    const u = await cloud.ops.backups.update(ctx, b.id, { name: " new ", description: " d ", metadata: { c: "3" } });
    expect(u.status).toBe("creating");
    expect(u.display_name).toBe("new");
    expect(u.display_description).toBe("d");
    expect(u.metadata).toEqual({ c: "3" });
    await expectCinderError(cloud.ops.backups.update(ctx, b.id, { metadata: { "bad{key}": "v" } }), 400);
    expect(backupRow(cloud, b.id).metadata).toEqual({ c: "3" });
    await cloud.settle();
  });

  it("§3.8 list: caller's project, non-deleted, created_at desc; admin all_tenants; show of another project → 404", async () => {
    const cloud = await newCloud();
    const demo = cloud.context("demo");
    const admin = cloud.context("admin");
    const vol = await readyVolume(cloud, demo);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await settledBackup(cloud, demo, { volume_id: vol, name: `b${i}` })).id);
      await cloud.advance(1000);
    }
    const avol = await readyVolume(cloud, admin);
    const ab = await settledBackup(cloud, admin, { volume_id: avol });
    await cloud.ops.backups.delete(demo, ids[0]!, false);
    await cloud.settle();
    const mine = await cloud.ops.backups.list(demo, { filters: {}, allTenants: true, sort: [] });
    expect(mine.items.map((b) => b.id)).toEqual([ids[2], ids[1]]);
    const all = await cloud.ops.backups.list(admin, { filters: {}, allTenants: true, sort: [] });
    expect(all.items.map((b) => b.id)).toEqual([ab.id, ids[2], ids[1]]);
    const own = await cloud.ops.backups.list(admin, { filters: {}, allTenants: false, sort: [] });
    expect(own.items.map((b) => b.id)).toEqual([ab.id]);
    const page = await cloud.ops.backups.list(demo, { filters: {}, allTenants: false, sort: [["created_at", "asc"]], limit: 1 });
    expect(page.items.map((b) => b.id)).toEqual([ids[1]]);
    expect(page.count).toBe(2);
    const next = await cloud.ops.backups.list(demo, { filters: {}, allTenants: false, sort: [["created_at", "asc"]], marker: ids[1]! });
    expect(next.items.map((b) => b.id)).toEqual([ids[2]]);
    const byName = await cloud.ops.backups.list(demo, { filters: { name: "b2" }, allTenants: false, sort: [] });
    expect(byName.items.map((b) => b.id)).toEqual([ids[2]]);
    await expectCinderError(cloud.ops.backups.get(demo, ab.id), 404, `Backup ${ab.id} could not be found.`);
  });

  it("§3.8 list marker: one the caller cannot see is the resource's 404 (PAGINATION_HELPERS' getter, as the bundled Zed cloud answers); one the filters leave out still places the page", async () => {
    const cloud = await newCloud();
    const demo = cloud.context("demo");
    const admin = cloud.context("admin");
    const vol = await readyVolume(cloud, demo);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await settledBackup(cloud, demo, { volume_id: vol, name: `b${i}` })).id);
      await cloud.advance(1000);
    }
    const other = await settledBackup(cloud, admin, { volume_id: await readyVolume(cloud, admin) });
    const q = { filters: {}, allTenants: false, sort: [["created_at", "asc"]] as [string, "asc" | "desc"][] };
    await expectCinderError(cloud.ops.backups.list(demo, { ...q, marker: "not-a-uuid" }), 404, "Backup not-a-uuid could not be found.");
    await expectCinderError(cloud.ops.backups.list(demo, { ...q, marker: other.id }), 404, `Backup ${other.id} could not be found.`);
    const past = await cloud.ops.backups.list(demo, { ...q, filters: { name: "b2" }, marker: ids[1]! });
    expect(past.items.map((b) => b.id)).toEqual([ids[2]]);
    const none = await cloud.ops.backups.list(demo, { ...q, filters: { name: "b0" }, marker: ids[1]! });
    expect(none.items).toEqual([]);
  });
});
