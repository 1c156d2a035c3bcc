import { describe, expect, it } from "vitest";
import { createRestHandler } from "./handler.ts";
import { ADMIN, createFakeCloud, restClient } from "./testing/index.ts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("quota sets, services, limits, availability zones, types", () => {
  const cloud = createFakeCloud();
  const call = restClient(createRestHandler(cloud));
  const asAdmin = (m: string, p: string, o: Json = {}) => call(m, `/v3/admin/${p}`, { auth: ADMIN, ...o });

  it("os-quota-sets show (usage), defaults, update (admin only, no id in the answer)", async () => {
    const show = (await call("GET", "os-quota-sets/demo")).body as Json;
    expect(show["quota_set"]).toMatchObject({ id: "demo", backups: 10, backup_gigabytes: 1000 });
    const usage = (await call("GET", "os-quota-sets/demo", { query: { usage: "true" } })).body as Json;
    expect(usage["quota_set"].backups).toEqual({ limit: 10, in_use: 0, reserved: 0 });
    expect((await call("GET", "os-quota-sets/demo", { query: { usage: "maybe" } })).body).toEqual({
      badRequest: { code: 400, message: "Value 'maybe' for 'usage' is not a boolean." },
    });
    expect((await call("GET", "os-quota-sets/other")).body).toEqual({
      forbidden: { code: 403, message: "Policy doesn't allow volume_extension:quotas:show to be performed." },
    });
    expect(((await call("GET", "os-quota-sets/demo/defaults")).body as Json)["quota_set"].id).toBe("demo");
    expect((await call("PUT", "os-quota-sets/demo", { body: { quota_set: { backups: 5 } } })).body).toEqual({
      forbidden: { code: 403, message: "Policy doesn't allow volume_extension:quotas:update to be performed." },
    });
    expect((await asAdmin("PUT", "os-quota-sets/demo", { body: { quota_set: { bogus: 1 } } })).body).toEqual({
      badRequest: { code: 400, message: "Invalid input received: Bad key(s) in quota set: bogus" },
    });
    expect((await asAdmin("PUT", "os-quota-sets/demo", { body: { quota_set: { backups: -2 } } })).body).toEqual({
      badRequest: { code: 400, message: "backups must be >= -1" },
    });
    expect((await asAdmin("PUT", "os-quota-sets/demo", { body: { quota_set: {} } })).body).toEqual({
      badRequest: { code: 400, message: "Invalid input for field/attribute quota_set. Value: {}. {} does not have enough properties" },
    });
    const upd = await asAdmin("PUT", "os-quota-sets/demo", { body: { quota_set: { backups: 5 } } });
    expect(upd.status).toBe(200);
    expect((upd.body as Json)["quota_set"].backups).toBe(5);
    expect((upd.body as Json)["quota_set"].id).toBeUndefined();
  });

  it("os-services: admin only, microversion-gated fields", async () => {
    expect((await call("GET", "os-services")).body).toEqual({
      forbidden: { code: 403, message: "Policy doesn't allow volume_extension:services:index to be performed." },
    });
    const s30 = ((await asAdmin("GET", "os-services", { query: { binary: "cinder-volume" } })).body as Json)["services"];
    expect(s30).toEqual([
      {
        binary: "cinder-volume",
        host: "vol1@lvm",
        zone: "az1",
        status: "enabled",
        state: "up",
        updated_at: "2026-01-01T00:00:00.000000",
        disabled_reason: null,
        replication_status: "disabled",
        active_backend_id: null,
        frozen: false,
      },
    ]);
    const s49 = ((await asAdmin("GET", "os-services", { version: "3.49" })).body as Json)["services"];
    expect(s49.find((s: Json) => s.binary === "cinder-volume").backend_state).toBe("up");
    expect(s49.find((s: Json) => s.binary === "cinder-backup").backend_state).toBeUndefined();
    expect(s49[0].cluster).toBeNull();
  });

  it("limits (after the quota update above), availability zones and types", async () => {
    const limits = (await call("GET", "limits")).body as Json;
    expect(limits["limits"].rate).toEqual([]);
    expect(limits["limits"].absolute).toMatchObject({
      maxTotalBackups: 5,
      maxTotalBackupGigabytes: 1000,
      totalBackupsUsed: 0,
      maxTotalVolumes: 10,
    });
    expect((await call("GET", "os-availability-zone")).body).toEqual({
      availabilityZoneInfo: [{ zoneName: "az1", zoneState: { available: true } }],
    });
    const types = (await call("GET", "types")).body as Json;
    expect(types["volume_types"][0]).toEqual({
      id: "10000000-0000-4000-8000-000000000001",
      name: "__DEFAULT__",
      is_public: true,
      description: "Default Volume Type",
      extra_specs: {},
    });
    expect(((await call("GET", "types/default")).body as Json)["volume_type"].name).toBe("__DEFAULT__");
    expect((await call("GET", "types/nope")).body).toEqual({
      itemNotFound: { code: 404, message: "Volume type with id nope could not be found." },
    });
  });
});
