import { afterEach, describe, expect, it } from "vitest";
import type { SimulatedCloud } from "../../sim/cloud/index.ts";
import type { Harness } from "./testing/harness.ts";
import { startRealServer } from "./testing/real-cloud.ts";

type Real = Harness<SimulatedCloud> & { internalErrors: string[] };
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The Block Storage calls the guide's procedures and common clients make beyond backups, over HTTP. */
describe("Block Storage over HTTP: extend, retype, services, quota delete, messages, imageRef", () => {
  let h: Real;
  afterEach(async () => {
    expect(h.internalErrors).toEqual([]);
    await h.server.close();
  });

  const send = (method: string, path: string, token: string, body?: unknown, version = "3.70") =>
    h.call(method, `/volume/v3/${path}`, {
      token,
      headers: { "Content-Type": "application/json", "OpenStack-API-Version": `volume ${version}` },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  it("os-extend: 202, then the volume is available at the new size; a smaller size is cinder's 400", async () => {
    h = await startRealServer();
    const demo = await h.token("demo");
    const p = h.cloud.context("demo").projectId;
    const v = await h.cloud.ops.volumes.create(h.cloud.context("demo"), { size: 1 });
    await h.cloud.settle();
    expect((await send("POST", `${p}/volumes/${v.id}/action`, demo, { "os-extend": { new_size: "2" } })).status).toBe(202);
    expect(((await send("GET", `${p}/volumes/${v.id}`, demo)).json() as Json)["volume"]).toMatchObject({ size: 2, status: "available" });
    const small = await send("POST", `${p}/volumes/${v.id}/action`, demo, { "os-extend": { new_size: 1 } });
    expect(small.json()).toEqual({
      badRequest: {
        code: 400,
        message: "Invalid input received: New size for extend must be greater than current size. (current: 2, extended: 1).",
      },
    });
    const bad = await send("POST", `${p}/volumes/${v.id}/action`, demo, { "os-extend": { new_size: 0 } });
    expect(bad.status).toBe(400);
    const retype = await send("POST", `${p}/volumes/${v.id}/action`, demo, { "os-retype": { new_type: "gold" } });
    expect(retype.json()).toEqual({ itemNotFound: { code: 404, message: "Volume type with name gold could not be found." } });
    const policy = await send("POST", `${p}/volumes/${v.id}/action`, demo, {
      "os-retype": { new_type: "LUKS", migration_policy: "sometimes" },
    });
    expect(policy.status).toBe(400);
  });

  it("os-retype across encryption: never → 202 then back to available with the old type; on-demand → 202, then available, LUKS, encrypted, migration_status success (admin view)", async () => {
    h = await startRealServer();
    const demo = await h.token("demo");
    const admin = await h.token("admin");
    const p = h.cloud.context("demo").projectId;
    const v = await h.cloud.ops.volumes.create(h.cloud.context("demo"), { size: 1 });
    await h.cloud.settle();
    const ap = h.cloud.context("admin").projectId;
    const get = async (token: string) =>
      ((await send("GET", `${token === admin ? ap : p}/volumes/${v.id}`, token)).json() as Json)["volume"];
    expect(
      (await send("POST", `${p}/volumes/${v.id}/action`, demo, { "os-retype": { new_type: "LUKS", migration_policy: "never" } })).status,
    ).toBe(202);
    await h.cloud.settle();
    expect(await get(admin)).toMatchObject({ status: "available", volume_type: "__DEFAULT__", encrypted: false, migration_status: null });
    expect(
      (await send("POST", `${p}/volumes/${v.id}/action`, demo, { "os-retype": { new_type: "LUKS", migration_policy: "on-demand" } }))
        .status,
    ).toBe(202);
    await h.cloud.settle();
    expect(await get(admin)).toMatchObject({ status: "available", volume_type: "LUKS", encrypted: true, migration_status: "success" });
  });

  it("os-services enable/disable/disable-log-reason: admin only, cinder's answer, and the list shows it", async () => {
    h = await startRealServer();
    const admin = await h.token("admin");
    const demo = await h.token("demo");
    const p = h.cloud.context("admin").projectId;
    const backup = h.cloud.db.services().find((s) => s.binary === "cinder-backup");
    if (!backup) throw new Error("no backup service");
    const host = backup.host;
    expect(
      (await send("PUT", `${h.cloud.context("demo").projectId}/os-services/disable`, demo, { host, binary: "cinder-backup" })).json(),
    ).toEqual({ forbidden: { code: 403, message: "Policy doesn't allow volume_extension:services:update to be performed." } });
    const off = await send("PUT", `${p}/os-services/disable-log-reason`, admin, {
      host,
      binary: "cinder-backup",
      disabled_reason: "maintenance",
    });
    expect(off.status).toBe(200);
    expect(off.json()).toEqual({
      disabled_reason: "maintenance",
      disabled: true,
      host,
      service: "",
      binary: "cinder-backup",
      status: "disabled",
    });
    const listed = ((await send("GET", `${p}/os-services?binary=cinder-backup`, admin)).json() as Json)["services"].find(
      (s: Json) => s.host === host,
    );
    expect(listed).toMatchObject({ status: "disabled", disabled_reason: "maintenance" });
    const on = await send("PUT", `${p}/os-services/enable`, admin, { host, binary: "cinder-backup" });
    expect(on.json()).toEqual({ disabled: false, host, service: "", binary: "cinder-backup", status: "enabled" });
    expect(h.cloud.db.services().find((s) => s.id === backup.id)?.disabled).toBe(false);
    expect((await send("PUT", `${p}/os-services/enable`, admin, { binary: "cinder-backup" })).json()).toEqual({
      badRequest: { code: 400, message: "Invalid input received: Host field is missing." },
    });
    expect((await send("PUT", `${p}/os-services/enable`, admin, { host: "nowhere", binary: "cinder-backup" })).json()).toEqual({
      itemNotFound: { code: 404, message: "Service cinder-backup could not be found on host nowhere." },
    });
    expect((await send("PUT", `${p}/os-services/enable`, admin, { host })).status).toBe(400);
    expect((await send("PUT", `${p}/os-services/reboot`, admin, { host, binary: "cinder-backup" })).json()).toEqual({
      badRequest: { code: 400, message: "Invalid input received: Unknown action" },
    });
  });

  it("DELETE os-quota-sets/{project}: admin only, 200, the limits return to the defaults and usage stays", async () => {
    h = await startRealServer();
    const admin = await h.token("admin");
    const demo = await h.token("demo");
    const a = h.cloud.context("admin").projectId;
    const d = h.cloud.context("demo").projectId;
    await send("PUT", `${a}/os-quota-sets/${d}`, admin, { quota_set: { backups: 3, volumes: 4 } });
    await h.cloud.ops.volumes.create(h.cloud.context("demo"), { size: 1 });
    await h.cloud.settle();
    expect((await send("DELETE", `${d}/os-quota-sets/${d}`, demo)).status).toBe(403);
    const del = await send("DELETE", `${a}/os-quota-sets/${d}`, admin);
    expect(del.status).toBe(200);
    expect(del.text).toBe("");
    const shown = ((await send("GET", `${a}/os-quota-sets/${d}?usage=true`, admin)).json() as Json)["quota_set"];
    expect(shown["backups"]).toMatchObject({ limit: 10 });
    expect(shown["volumes"]).toMatchObject({ limit: 10, in_use: 1 });
  });

  it("/messages (3.3+): a failed restore's user message, its view, scoping, and delete", async () => {
    h = await startRealServer();
    const demo = await h.token("demo");
    const d = h.cloud.context("demo").projectId;
    const ctx = h.cloud.context("demo");
    const src = await h.cloud.ops.volumes.create(ctx, { size: 1 });
    await h.cloud.settle();
    const b = await h.cloud.ops.backups.create(ctx, { volume_id: src.id });
    await h.cloud.settle();
    const target = await h.cloud.ops.volumes.create(ctx, { size: 1 });
    await h.cloud.settle();
    await h.cloud.ops.backups.restore(ctx, b.id, { volume_id: target.id });
    await h.cloud.ops.volumes.resetStatus(h.cloud.context("admin"), target.id, { status: "available" });
    await h.cloud.settle();
    expect((await send("GET", `${d}/messages`, demo, undefined, "3.2")).status).toBe(404);
    const list = (await send("GET", `${d}/messages`, demo)).json() as Json;
    expect(list["messages"]).toHaveLength(1);
    const m = list["messages"][0];
    expect(m).toMatchObject({
      event_id: "VOLUME_VOLUME_BACKUP_015_027",
      user_message: "restore backup:Volume status is invalid.",
      message_level: "ERROR",
      resource_type: "VOLUME_BACKUP",
      resource_uuid: target.id,
    });
    expect(Date.parse(`${m.guaranteed_until}Z`) - Date.parse(`${m.created_at}Z`)).toBe(30 * 24 * 3600 * 1000);
    expect(((await send("GET", `${d}/messages?resource_uuid=${target.id}`, demo)).json() as Json)["messages"]).toHaveLength(1);
    expect(((await send("GET", `${d}/messages?resource_uuid=x`, demo)).json() as Json)["messages"]).toHaveLength(0);
    expect((await send("GET", `${d}/messages?colour=red`, demo)).json()).toEqual({
      badRequest: { code: 400, message: "Invalid filters colour are found in query options." },
    });
    expect(((await send("GET", `${d}/messages/${m.id}`, demo)).json() as Json)["message"]).toEqual(m);
    const a = h.cloud.context("admin").projectId;
    const other = await h.token("admin", "admin");
    expect(((await send("GET", `${a}/messages`, other)).json() as Json)["messages"]).toHaveLength(1);
    expect((await send("DELETE", `${d}/messages/${m.id}`, demo)).status).toBe(204);
    expect((await send("GET", `${d}/messages/${m.id}`, demo)).json()).toEqual({
      itemNotFound: { code: 404, message: `Message ${m.id} could not be found.` },
    });
  });

  it("a volume created with an imageRef it cannot access is refused with cinder's 400, and nothing is created", async () => {
    h = await startRealServer();
    const demo = await h.token("demo");
    const d = h.cloud.context("demo").projectId;
    const before = h.cloud.db.volumes().length;
    for (const ref of ["00000000-0000-4000-8000-000000000001", "cirros", `http://glance/v2/images/00000000-0000-4000-8000-000000000001`]) {
      for (const key of ["imageRef", "image_id"]) {
        const r = await send("POST", `${d}/volumes`, demo, { volume: { size: 1, [key]: ref } });
        expect(r.json()).toEqual({ badRequest: { code: 400, message: "Invalid image identifier or unable to access requested image." } });
      }
    }
    expect((await send("POST", `${d}/volumes`, demo, { volume: { size: 1, imageRef: null } })).status).toBe(202);
    expect(h.cloud.db.volumes().length).toBe(before + 1);
  });
});
