import { beforeEach, describe, expect, it } from "vitest";
import { createRestHandler } from "../handler.ts";
import { ADMIN, createFakeCloud, restClient, type FakeCloud } from "../testing/index.ts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("volumes routes (v3/volumes.py, volume_actions.py, admin_actions.py)", () => {
  let cloud: FakeCloud;
  let call: ReturnType<typeof restClient>;
  beforeEach(() => {
    cloud = createFakeCloud();
    call = restClient(createRestHandler(cloud));
  });

  const create = async (volume: Json, version = "3.0") => call("POST", "volumes", { version, body: { volume } });

  it("create answers 202 with the detail view; size strings and names are accepted like cinder", async () => {
    const r = await create({ size: "2", name: " data " });
    expect(r.status).toBe(202);
    const v = (r.body as Json)["volume"];
    expect(v.size).toBe(2);
    expect(v.name).toBe("data");
    expect(v.bootable).toBe("false");
    expect(v.volume_type).toBe("__DEFAULT__");
    expect(v["os-vol-tenant-attr:tenant_id"]).toBeUndefined();
    const shown = ((await call("GET", `volumes/${v.id}`)).body as Json)["volume"];
    expect(shown["os-vol-tenant-attr:tenant_id"]).toBe("demo");
    expect(shown["os-vol-host-attr:host"]).toBeUndefined();
    expect(v.attachments).toEqual([]);
  });

  it("create: schema texts, 3.53 closes unknown keys, multiattach removed", async () => {
    expect((await create({ size: 0 })).body).toEqual({
      badRequest: { code: 400, message: "Invalid input for field/attribute size. Value: 0. 0 is less than the minimum of 1" },
    });
    expect((await create({ size: "1.5" })).body).toEqual({
      badRequest: { code: 400, message: "Invalid input for field/attribute size. Value: 1.5. '1.5' does not match '^[0-9]+$'" },
    });
    expect((await create({ size: 1, colour: "red" }, "3.52")).status).toBe(202);
    expect((await create({ size: 1, colour: "red" }, "3.53")).body).toEqual({
      badRequest: {
        code: 400,
        message:
          "Invalid input for field/attribute volume. Value: {'size': 1, 'colour': 'red'}. Additional properties are not allowed ('colour' was unexpected)",
      },
    });
    expect((await create({ size: 1, multiattach: true })).status).toBe(400);
    expect((await create({ size: 1, name: "n".repeat(256) })).body).toEqual({
      badRequest: { code: 400, message: "Invalid input received: name has 256 characters, more than 255." },
    });
  });

  it("create without a size (and no source) is webob's bare 400: int(None) in provision_filter_on_size is a TypeError", async () => {
    for (const version of ["3.0", "3.70"])
      expect((await create({ name: "x" }, version)).body).toEqual({
        badRequest: {
          code: 400,
          message: "The server could not comply with the request since it is either malformed or otherwise incorrect.",
        },
      });
  });

  it("detail gating: volume_type_id 3.63, consumes_quota 3.65, admin host attribute", async () => {
    const id = ((await create({ size: 1 })).body as Json)["volume"].id as string;
    const v63 = ((await call("GET", `volumes/${id}`, { version: "3.63" })).body as Json)["volume"];
    expect(v63.volume_type_id).toBe("10000000-0000-4000-8000-000000000001");
    expect(v63.consumes_quota).toBeUndefined();
    expect(((await call("GET", `volumes/${id}`, { version: "3.65" })).body as Json)["volume"].consumes_quota).toBe(true);
    const admin = ((await call("GET", `/v3/admin/volumes/${id}`, { auth: ADMIN })).body as Json)["volume"];
    expect(admin["os-vol-host-attr:host"]).toBe("vol1@lvm#lvm");
    expect(admin.migration_status).toBeNull();
  });

  it("update 200 detail; 3.53 requires one known key", async () => {
    const id = ((await create({ size: 1 })).body as Json)["volume"].id as string;
    expect(((await call("PUT", `volumes/${id}`, { body: { volume: { name: "renamed" } } })).body as Json)["volume"].name).toBe("renamed");
    expect((await call("PUT", `volumes/${id}`, { version: "3.53", body: { volume: {} } })).body).toEqual({
      badRequest: {
        code: 400,
        message: "Invalid input for field/attribute volume. Value: {}. {} is not valid under any of the given schemas",
      },
    });
  });

  it("os-reset_status: admin only, in-use needs attachments (spec §11), bad statuses rejected", async () => {
    const id = ((await create({ size: 1 })).body as Json)["volume"].id as string;
    expect((await call("POST", `volumes/${id}/action`, { body: { "os-reset_status": { status: "error" } } })).body).toEqual({
      forbidden: { code: 403, message: "Policy doesn't allow volume_extension:volume_admin_actions:reset_status to be performed." },
    });
    const admin = (body: Json) => call("POST", `/v3/admin/volumes/${id}/action`, { auth: ADMIN, body });
    expect((await admin({ "os-reset_status": { status: "in-use" } })).body).toEqual({
      badRequest: { code: 400, message: "Cannot reset-state to in-use because volume does not have any attachments." },
    });
    expect((await admin({ "os-reset_status": {} })).body).toEqual({
      badRequest: { code: 400, message: "Must specify 'status', 'attach_status' or 'migration_status' for update." },
    });
    expect(((await admin({ "os-reset_status": { status: "bogus" } })).body as Json)["badRequest"].message).toMatch(
      /^Volume status: bogus is invalid, valid statuses are: \['creating', 'available'/,
    );
    expect((await admin({ "os-reset_status": { status: "ERROR" } })).status).toBe(202);
    expect(cloud.state.volumes[0]!.status).toBe("error");
  });

  it("os-attach / os-detach: schema (anyOf instance or host), 202, attachment shown in the view", async () => {
    const id = ((await create({ size: 1 })).body as Json)["volume"].id as string;
    expect((await call("POST", `volumes/${id}/action`, { body: { "os-attach": { mountpoint: "/dev/vdb" } } })).status).toBe(400);
    expect(
      (await call("POST", `volumes/${id}/action`, { body: { "os-attach": { mountpoint: "/dev/vdb", host_name: "h1" } } })).status,
    ).toBe(202);
    const v = ((await call("GET", `volumes/${id}`)).body as Json)["volume"];
    expect(v.status).toBe("in-use");
    expect(v.attachments[0]).toMatchObject({ volume_id: id, device: "/dev/vdb", host_name: null });
    expect((await call("POST", `volumes/${id}/action`, { body: { "os-detach": null } })).status).toBe(202);
    expect(cloud.state.volumes[0]!.status).toBe("available");
  });

  it("delete: force only from 3.23 and admin-only; list with filters", async () => {
    const id = ((await create({ size: 1, name: "a" })).body as Json)["volume"].id as string;
    expect((await call("DELETE", `volumes/${id}`, { version: "3.23", query: { force: "true" } })).body).toEqual({
      forbidden: { code: 403, message: "Policy doesn't allow volume:force_delete to be performed." },
    });
    expect((await call("GET", "volumes/detail", { version: "3.31", query: { name: "a" } })).status).toBe(200);
    expect((await call("GET", "volumes", { version: "3.31", query: { host: "x" } })).body).toEqual({
      badRequest: { code: 400, message: "Invalid filters host are found in query options." },
    });
    expect((await call("DELETE", `volumes/${id}`)).status).toBe(202);
    expect((await call("GET", `volumes/${id}`)).body).toEqual({ itemNotFound: { code: 404, message: `Volume ${id} could not be found.` } });
  });

  it("volumes/summary from 3.12, metadata from 3.36", async () => {
    await create({ size: 2, metadata: { a: "1" } });
    await create({ size: 3, metadata: { a: "2" } });
    expect((await call("GET", "volumes/summary", { version: "3.11" })).status).toBe(404);
    expect((await call("GET", "volumes/summary", { version: "3.12" })).body).toEqual({
      "volume-summary": { total_count: 2, total_size: 5 },
    });
    expect((await call("GET", "volumes/summary", { version: "3.36" })).body).toEqual({
      "volume-summary": { total_count: 2, total_size: 5, metadata: { a: ["1", "2"] } },
    });
  });

  it("an admin's all_tenants must be boolean-like (get_bool_param text for volumes)", async () => {
    expect((await call("GET", "/v3/admin/volumes", { auth: ADMIN, query: { all_tenants: "maybe" } })).body).toEqual({
      badRequest: { code: 400, message: "Value 'maybe' for 'all_tenants' is not a boolean." },
    });
    expect((await call("GET", "/v3/admin/snapshots", { auth: ADMIN, query: { all_tenants: "maybe" } })).status).toBe(200);
  });
});
