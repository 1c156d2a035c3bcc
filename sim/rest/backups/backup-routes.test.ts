import { beforeEach, describe, expect, it } from "vitest";
import { createRestHandler } from "../handler.ts";
import { VALID_DESCRIPTION_REGEX } from "../description-regex.ts";
import { pyRepr } from "../py-repr.ts";
import { ADMIN, BASE, createFakeCloud, restClient, type FakeCloud } from "../testing/index.ts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("backups routes (contrib/backups.py, v3/backups.py, admin_actions.py)", () => {
  let cloud: FakeCloud;
  let call: ReturnType<typeof restClient>;
  let volumeId: string;

  beforeEach(async () => {
    cloud = createFakeCloud();
    call = restClient(createRestHandler(cloud));
    volumeId = (await cloud.ops.volumes.create(cloud.context("demo"), { size: 1, name: "v" })).id;
  });

  const create = async (body: Json, version = "3.0") => call("POST", "backups", { version, body: { backup: body } });

  it("create answers 202 with the summary view and links built from the mount", async () => {
    const r = await create({ volume_id: volumeId, name: "  b1  ", incremental: "false", force: "0" });
    expect(r.status).toBe(202);
    const b = (r.body as Json)["backup"];
    expect(b.name).toBe("b1");
    expect(b.links).toEqual([
      { rel: "self", href: `${BASE}/v3/demo/backups/${b.id}` },
      { rel: "bookmark", href: `${BASE}/demo/backups/${b.id}` },
    ]);
    expect(Object.keys(b)).toEqual(["id", "name", "links"]);
  });

  it("schema: unknown keys, wrong types, bad uuids and booleans, long names — cinder's texts", async () => {
    expect((await create({ volume_id: volumeId, color: "red" })).body).toEqual({
      badRequest: {
        code: 400,
        message: `Invalid input for field/attribute backup. Value: {'volume_id': '${volumeId}', 'color': 'red'}. Additional properties are not allowed ('color' was unexpected)`,
      },
    });
    expect((await create({ volume_id: "nope" })).body).toEqual({
      badRequest: { code: 400, message: "Invalid input for field/attribute volume_id. Value: nope. 'nope' is not a 'uuid'" },
    });
    expect((await create({ volume_id: volumeId, force: "maybe" })).body).toEqual({
      badRequest: {
        code: 400,
        message:
          "Invalid input for field/attribute force. Value: maybe. 'maybe' is not one of [True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes', 'y', 't', False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no', 'n', 'f']",
      },
    });
    expect((await create({ volume_id: volumeId, incremental: 1 })).body).toEqual({
      badRequest: { code: 400, message: "Invalid input for field/attribute incremental. Value: 1. 1 is not of type 'boolean', 'string'" },
    });
    const long = "x".repeat(256);
    expect((await create({ volume_id: volumeId, name: long })).body).toEqual({
      badRequest: { code: 400, message: `Invalid input for field/attribute name. Value: ${long}. '${long}' is too long` },
    });
    expect((await create({ name: "x" })).body).toEqual({
      badRequest: {
        code: 400,
        message: "Invalid input for field/attribute backup. Value: {'name': 'x'}. 'volume_id' is a required property",
      },
    });
    expect((await call("POST", "backups", { body: { volume: {} } })).body).toEqual({
      badRequest: { code: 400, message: "'backup' is a required property" },
    });
    expect((await call("POST", "backups", { body: { backup: { volume_id: volumeId }, volume: {} } })).body).toEqual({
      badRequest: { code: 400, message: "Additional properties are not allowed ('volume' was unexpected)" },
    });
    expect((await call("POST", "backups", { body: [] })).body).toEqual({
      badRequest: { code: 400, message: "[] is not of type 'object'" },
    });
    expect((await create({ volume_id: volumeId, snapshot_id: "x" })).body).toEqual({
      badRequest: {
        code: 400,
        message: "Invalid input for field/attribute snapshot_id. Value: x. 'x' is not valid under any of the given schemas",
      },
    });
  });

  it("descriptions: cinder's printable-character pattern and its message; Python's `$` accepts a final newline", async () => {
    const r = await create({ volume_id: volumeId, description: "bell\u0007" });
    expect(r.body).toEqual({
      badRequest: {
        code: 400,
        message: `Invalid input for field/attribute description. Value: bell\u0007. 'bell\\x07' does not match ${pyRepr(VALID_DESCRIPTION_REGEX)}`,
      },
    });
    expect((await create({ volume_id: volumeId, description: "ok\n" })).status).toBe(202);
    expect((await create({ volume_id: volumeId, description: "astral \u{1F600}" })).status).toBe(400);
    expect((await create({ volume_id: volumeId, description: "accents é ü – ok" })).status).toBe(202);
  });

  it("metadata only from 3.43, availability_zone only from 3.51 (spec §9 #16, #20)", async () => {
    const m = await create({ volume_id: volumeId, metadata: { k: "v" } }, "3.42");
    expect(m.status).toBe(400);
    expect((m.body as Json)["badRequest"].message).toBe(
      `Invalid input for field/attribute backup. Value: {'volume_id': '${volumeId}', 'metadata': {'k': 'v'}}. Additional properties are not allowed ('metadata' was unexpected)`,
    );
    const ok = await create({ volume_id: volumeId, metadata: { k: "v" } }, "3.43");
    expect(ok.status).toBe(202);
    const id = (ok.body as Json)["backup"].id as string;
    expect(((await call("GET", `backups/${id}`, { version: "3.43" })).body as Json)["backup"].metadata).toEqual({ k: "v" });
    expect((await create({ volume_id: volumeId, availability_zone: "az2" }, "3.50")).status).toBe(400);
    expect((await create({ volume_id: volumeId, availability_zone: "az2" }, "3.51")).status).toBe(202);
    const badKey = await create({ volume_id: volumeId, metadata: { "bad key!": "v" } }, "3.43");
    expect((badKey.body as Json)["badRequest"].message).toBe(
      "Invalid input for field/attribute metadata. Value: {'bad key!': 'v'}. 'bad key!' does not match any of the regexes: '^[a-zA-Z0-9-_:. /]{1,255}$'",
    );
  });

  it("domain errors keep cinder's status and text (in-use without force, quota 413 with retryAfter)", async () => {
    cloud.state.volumes[0]!.status = "in-use";
    expect((await create({ volume_id: volumeId })).body).toEqual({
      badRequest: { code: 400, message: "Invalid volume: Backing up an in-use volume must use the force flag." },
    });
    cloud.state.volumes[0]!.status = "available";
    cloud.state.quota["backups"] = 0;
    const r = await create({ volume_id: volumeId });
    expect(r.status).toBe(413);
    expect(r.body).toEqual({
      overLimit: { code: 413, message: "BackupLimitExceeded: Maximum number of backups allowed (0) exceeded", retryAfter: "0" },
    });
  });

  it("detail and show views carry the microversion-gated keys; admin sees project/user attributes", async () => {
    const id = ((await create({ volume_id: volumeId, name: "b" })).body as Json)["backup"].id as string;
    cloud.state.backups[0]!.encryption_key_id = "11111111-2222-4333-8444-555555555555";
    const base = ((await call("GET", `backups/${id}`)).body as Json)["backup"];
    expect(Object.keys(base).sort()).toEqual([
      "availability_zone",
      "container",
      "created_at",
      "data_timestamp",
      "description",
      "fail_reason",
      "has_dependent_backups",
      "id",
      "is_incremental",
      "links",
      "name",
      "object_count",
      "size",
      "snapshot_id",
      "status",
      "updated_at",
      "volume_id",
    ]);
    expect(base.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    expect(base.updated_at).toBeNull();
    const latest = ((await call("GET", `backups/${id}`, { version: "3.64" })).body as Json)["backup"];
    expect(latest.encryption_key_id).toBe("11111111-2222-4333-8444-555555555555");
    expect(latest["os-backup-project-attr:project_id"]).toBeUndefined();
    const admin = (
      (await call("GET", `/v3/admin/backups/detail`, { auth: ADMIN, version: "3.56", query: { all_tenants: "1" } })).body as Json
    )["backups"][0];
    expect(admin["os-backup-project-attr:project_id"]).toBe("demo");
    expect(admin.user_id).toBe("demo");
  });

  it("list: summary/detail, limit + next link, with_count from 3.45, filters per 3.31", async () => {
    for (let i = 0; i < 3; i++) await create({ volume_id: volumeId, name: `b${i}` });
    const idx = (await call("GET", "backups", { query: { limit: "2" } })).body as Json;
    expect(idx["backups"]).toHaveLength(2);
    expect(Object.keys(idx["backups"][0])).toEqual(["id", "name", "links"]);
    expect(idx["backups_links"][0].rel).toBe("next");
    expect(idx["backups_links"][0].href).toBe(`${BASE}/v3/demo/backups?limit=2&marker=${idx["backups"][1].id}`);
    const counted = (await call("GET", "backups/detail", { version: "3.45", query: { with_count: "true" } })).body as Json;
    expect(counted["count"]).toBe(3);
    // Before 3.45 `with_count` is just another (rejected) filter key.
    expect((await call("GET", "backups/detail", { version: "3.44", query: { with_count: "true" } })).body).toEqual({
      badRequest: { code: 400, message: "Invalid filters with_count are found in query options." },
    });
    expect((await call("GET", "backups", { version: "3.30", query: { host: "x" } })).status).toBe(200);
    expect((await call("GET", "backups", { version: "3.31", query: { host: "x", size: "1" } })).body).toEqual({
      badRequest: { code: 400, message: "Invalid filters host,size are found in query options." },
    });
    expect((await call("GET", "backups", { version: "3.31", query: { all_tenants: "1" } })).status).toBe(200);
    expect((await call("GET", "backups", { query: { limit: "x" } })).body).toEqual({
      badRequest: { code: 400, message: "limit param must be an integer" },
    });
    expect((await call("GET", "backups", { query: { limit: "-1" } })).body).toEqual({
      badRequest: { code: 400, message: "limit param must be positive" },
    });
    expect((await call("GET", "backups", { query: { offset: "-1" } })).body).toEqual({
      badRequest: { code: 400, message: "offset must be >= 0" },
    });
    expect((await call("GET", "backups", { query: { sort: "name" } })).body).toEqual({
      badRequest: { code: 400, message: "Invalid input received: Invalid sort key" },
    });
    expect((await call("GET", "backups", { version: "3.37", query: { sort: "name:asc" } })).status).toBe(200);
    expect((await call("GET", "backups", { query: { sort: "created_at:up" } })).body).toEqual({
      badRequest: { code: 400, message: "Invalid input received: Unknown sort direction, must be 'desc' or 'asc'." },
    });
    // A member's all_tenants is dropped with the other unknown filters; an admin's must be boolean-like.
    expect((await call("GET", "backups", { query: { all_tenants: "perhaps" } })).status).toBe(200);
    expect((await call("GET", "/v3/admin/backups", { auth: ADMIN, query: { all_tenants: "perhaps" } })).body).toEqual({
      badRequest: { code: 400, message: "all_tenants must be a boolean, got 'perhaps'." },
    });
    expect((await call("GET", "backups", { version: "3.45", query: { with_count: "x" } })).body).toEqual({
      badRequest: { code: 400, message: "Value 'x' for 'with_count' is not a boolean." },
    });
  });

  it("update is 3.9+, strips names, metadata from 3.43", async () => {
    const id = ((await create({ volume_id: volumeId })).body as Json)["backup"].id as string;
    const r = await call("PUT", `backups/${id}`, { version: "3.9", body: { backup: { name: " n ", description: "d" } } });
    expect(r.status).toBe(200);
    expect((r.body as Json)["backup"].name).toBe("n");
    expect((await call("PUT", `backups/${id}`, { version: "3.42", body: { backup: { metadata: { a: "b" } } } })).status).toBe(400);
    expect((await call("PUT", `backups/${id}`, { version: "3.43", body: { backup: { metadata: { a: "b" } } } })).status).toBe(200);
    expect(cloud.state.backups[0]!.metadata).toEqual({ a: "b" });
  });

  it("restore answers 202 {restore: {...}}; export/import/reset/force-delete are admin-only (spec §11)", async () => {
    const id = ((await create({ volume_id: volumeId })).body as Json)["backup"].id as string;
    expect((await call("POST", `backups/${id}/restore`, { body: { restore: { name: "r" } } })).body).toEqual({
      badRequest: { code: 400, message: "Invalid backup: Backup status must be available" },
    });
    cloud.state.backups[0]!.status = "available";
    const r = await call("POST", `backups/${id}/restore`, { body: { restore: { name: "r" } } });
    expect(r.status).toBe(202);
    expect(Object.keys((r.body as Json)["restore"])).toEqual(["backup_id", "volume_id", "volume_name"]);
    expect((await call("GET", `backups/${id}/export_record`)).body).toEqual({
      forbidden: { code: 403, message: "Policy doesn't allow backup:export-import to be performed." },
    });
    expect((await call("GET", "backups/00000000-0000-4000-8000-0000000000ff/export_record")).body).toEqual({
      itemNotFound: { code: 404, message: "Backup 00000000-0000-4000-8000-0000000000ff could not be found." },
    });
    const exp = await call("GET", `/v3/admin/backups/${id}/export_record`, { auth: ADMIN });
    expect(exp.status).toBe(200);
    const record = (exp.body as Json)["backup-record"];
    expect((await call("POST", "backups/import_record", { body: { "backup-record": record } })).body).toEqual({
      forbidden: { code: 403, message: "Policy doesn't allow backup:backup-import to be performed." },
    });
    expect((await call("POST", "/v3/admin/backups/import_record", { auth: ADMIN, body: { "backup-record": record } })).body).toEqual({
      badRequest: { code: 400, message: "Invalid backup: Backup already exists in database." },
    });
    cloud.state.backups[0]!.deleted = true;
    const imp = await call("POST", "/v3/admin/backups/import_record", { auth: ADMIN, body: { "backup-record": record } });
    expect(imp.status).toBe(201);
    expect((imp.body as Json)["backup"].name).toBeNull();
    cloud.state.backupServiceUp = false;
    cloud.state.backups.pop();
    const unavailable = await call("POST", "/v3/admin/backups/import_record", { auth: ADMIN, body: { "backup-record": record } });
    expect(unavailable.status).toBe(503);
    expect(Object.keys(unavailable.body as object)).toEqual(["serviceUnavailable"]);
  });

  it("import_record with a backup_url that is not base64 is a 400 ValidationError, not a 500 (oslo's decode_as_bytes raises TypeError, which the format checker catches)", async () => {
    for (const url of ["not base64!", "abc", "a"]) {
      const r = await call("POST", "/v3/admin/backups/import_record", {
        auth: ADMIN,
        body: { "backup-record": { backup_service: "cinder.backup.drivers.posix.PosixBackupDriver", backup_url: url } },
      });
      expect(r.status, url).toBe(400);
      expect(r.body, url).toEqual({
        badRequest: { code: 400, message: `Invalid input for field/attribute backup_url. Value: ${url}. '${url}' is not a 'base64'` },
      });
    }
  });

  it("os-reset_status: schema first, then 404, then policy; status lowercased (spec §9 #52)", async () => {
    const id = ((await create({ volume_id: volumeId })).body as Json)["backup"].id as string;
    const bogus = await call("POST", `/v3/admin/backups/${id}/action`, { auth: ADMIN, body: { "os-reset_status": { status: "bogus" } } });
    expect(bogus.body).toEqual({
      badRequest: { code: 400, message: "Backup status: bogus is invalid, valid statuses are: ['available', 'error']." },
    });
    expect((await call("POST", `backups/${id}/action`, { body: { "os-reset_status": { status: "error" } } })).body).toEqual({
      forbidden: { code: 403, message: "Policy doesn't allow volume_extension:backup_admin_actions:reset_status to be performed." },
    });
    const ok = await call("POST", `/v3/admin/backups/${id}/action`, { auth: ADMIN, body: { "os-reset_status": { status: "ERROR" } } });
    expect(ok.status).toBe(202);
    expect(ok.body).toBeUndefined();
    expect(cloud.state.backups[0]!.status).toBe("error");
    expect((await call("POST", `backups/${id}/action`, { body: { "os-force_delete": {} } })).body).toEqual({
      forbidden: { code: 403, message: "Policy doesn't allow volume_extension:backup_admin_actions:force_delete to be performed." },
    });
    expect((await call("POST", `/v3/admin/backups/${id}/action`, { auth: ADMIN, body: { "os-force_delete": {} } })).status).toBe(202);
  });

  it("delete: 202, then the row is gone; wrong status keeps cinder's text", async () => {
    const id = ((await create({ volume_id: volumeId })).body as Json)["backup"].id as string;
    expect((await call("DELETE", `backups/${id}`)).body).toEqual({
      badRequest: { code: 400, message: "Invalid backup: Backup status must be available or error" },
    });
    cloud.state.backups[0]!.status = "available";
    expect((await call("DELETE", `backups/${id}`)).status).toBe(202);
    expect((await call("GET", `backups/${id}`)).status).toBe(404);
  });
});
