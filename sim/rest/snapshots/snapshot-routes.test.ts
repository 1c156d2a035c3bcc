import { beforeEach, describe, expect, it } from "vitest";
import { createRestHandler } from "../handler.ts";
import { ADMIN, createFakeCloud, restClient, type FakeCloud } from "../testing/index.ts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("snapshots routes (v3/snapshots.py)", () => {
  let cloud: FakeCloud;
  let call: ReturnType<typeof restClient>;
  let volumeId: string;
  beforeEach(async () => {
    cloud = createFakeCloud();
    call = restClient(createRestHandler(cloud));
    volumeId = (await cloud.ops.volumes.create(cloud.context("demo"), { size: 3 })).id;
  });

  it("create 202 with the view; 3.41 user_id, 3.65 consumes_quota; show adds extended attributes", async () => {
    const r = await call("POST", "snapshots", { version: "3.65", body: { snapshot: { volume_id: volumeId, name: "s" } } });
    expect(r.status).toBe(202);
    const s = (r.body as Json)["snapshot"];
    expect(s).toMatchObject({
      name: "s",
      size: 3,
      volume_id: volumeId,
      status: "available",
      user_id: "demo",
      consumes_quota: true,
      group_snapshot_id: null,
    });
    const shown = ((await call("GET", `snapshots/${s.id}`)).body as Json)["snapshot"];
    expect(shown["os-extended-snapshot-attributes:project_id"]).toBe("demo");
    expect(shown["os-extended-snapshot-attributes:progress"]).toBe("100%");
    expect(shown.user_id).toBeUndefined();
    const idx = ((await call("GET", "snapshots")).body as Json)["snapshots"][0];
    expect(Object.keys(idx)).toEqual(["id", "created_at", "updated_at", "name", "description", "volume_id", "status", "size", "metadata"]);
  });

  it("sort=name is refused below 3.30 (no name column) and taken as display_name from 3.30", async () => {
    expect((await call("GET", "snapshots/detail", { query: { sort: "name:asc" } })).body).toEqual({
      badRequest: { code: 400, message: "Invalid input received: Invalid sort key" },
    });
    expect((await call("GET", "snapshots", { version: "3.29", query: { sort: "name" } })).status).toBe(400);
    expect((await call("GET", "snapshots", { version: "3.30", query: { sort: "name:asc" } })).status).toBe(200);
  });

  it("3.66 refuses force=false with cinder's text; a null volume_id is looked up as None", async () => {
    const r = await call("POST", "snapshots", { version: "3.66", body: { snapshot: { volume_id: volumeId, force: false } } });
    expect((r.body as Json)["badRequest"].message).toBe(
      "Since microversion 3.66 the 'force' flag is invalid for this request.  For backward compatability, however, when the 'force' flag is passed with a value evaluating to True, it is silently ignored.",
    );
    expect((await call("POST", "snapshots", { body: { snapshot: { volume_id: null } } })).body).toEqual({
      itemNotFound: { code: 404, message: "Volume None could not be found." },
    });
  });

  it("os-reset_status: snapshot statuses, admin only", async () => {
    const id = ((await call("POST", "snapshots", { body: { snapshot: { volume_id: volumeId } } })).body as Json)["snapshot"].id as string;
    expect(
      (
        (await call("POST", `/v3/admin/snapshots/${id}/action`, { auth: ADMIN, body: { "os-reset_status": { status: "nope" } } }))
          .body as Json
      )["badRequest"].message,
    ).toBe(
      "Snapshot status: nope is invalid, valid statuses are: ['error', 'available', 'creating', 'deleting', 'deleted', 'updating', 'error_deleting', 'unmanaging', 'backing-up', 'restoring'].",
    );
    expect((await call("POST", `snapshots/${id}/action`, { body: { "os-reset_status": { status: "error" } } })).body).toEqual({
      forbidden: { code: 403, message: "Policy doesn't allow volume_extension:snapshot_admin_actions:reset_status to be performed." },
    });
    expect(
      (await call("POST", `/v3/admin/snapshots/${id}/action`, { auth: ADMIN, body: { "os-reset_status": { status: "error" } } })).status,
    ).toBe(202);
    expect((await call("DELETE", `snapshots/${id}`)).status).toBe(202);
  });
});
