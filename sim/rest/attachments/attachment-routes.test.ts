import { beforeEach, describe, expect, it } from "vitest";
import { createRestHandler } from "../handler.ts";
import { createFakeCloud, restClient, type FakeCloud } from "../testing/index.ts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const INSTANCE = "12345678-1234-4234-8234-123456789012";

describe("attachments routes (v3/attachments.py, 3.27+)", () => {
  let cloud: FakeCloud;
  let call: ReturnType<typeof restClient>;
  let volumeId: string;
  beforeEach(async () => {
    cloud = createFakeCloud();
    call = restClient(createRestHandler(cloud));
    volumeId = (await cloud.ops.volumes.create(cloud.context("demo"), { size: 1 })).id;
  });

  it("is not there before 3.27", async () => {
    expect((await call("POST", "attachments", { version: "3.26", body: { attachment: { volume_uuid: volumeId } } })).body).toEqual({
      itemNotFound: { code: 404, message: "The resource could not be found." },
    });
  });

  it("create (200 detail), show, list, complete (3.44, 204), delete", async () => {
    const r = await call("POST", "attachments", {
      version: "3.27",
      body: { attachment: { volume_uuid: volumeId, instance_uuid: INSTANCE } },
    });
    expect(r.status).toBe(200);
    const a = (r.body as Json)["attachment"];
    expect(a).toMatchObject({
      status: "reserved",
      instance: INSTANCE,
      volume_id: volumeId,
      attach_mode: "rw",
      attached_at: "",
      detached_at: "",
    });
    expect(((await call("GET", `attachments/${a.id}`, { version: "3.27" })).body as Json)["attachment"].id).toBe(a.id);
    expect(((await call("GET", "attachments", { version: "3.27" })).body as Json)["attachments"]).toEqual([
      { id: a.id, status: "reserved", instance: INSTANCE, volume_id: volumeId },
    ]);
    expect((await call("POST", `attachments/${a.id}/action`, { version: "3.43", body: { "os-complete": {} } })).status).toBe(404);
    const done = await call("POST", `attachments/${a.id}/action`, { version: "3.44", body: { "os-complete": {} } });
    expect(done.status).toBe(204);
    expect(done.body).toBeUndefined();
    expect(cloud.state.volumes[0]!.status).toBe("in-use");
    expect((await call("DELETE", `attachments/${a.id}`, { version: "3.27" })).body).toEqual({ attachments: [] });
    expect((await call("GET", `attachments/${a.id}`, { version: "3.27" })).body).toEqual({
      itemNotFound: { code: 404, message: `Volume attachment could not be found with filter: attachment_id = ${a.id}.` },
    });
  });

  it("mode only from 3.54", async () => {
    const body = { attachment: { volume_uuid: volumeId, mode: "ro" } };
    expect((await call("POST", "attachments", { version: "3.53", body })).status).toBe(400);
    expect(((await call("POST", "attachments", { version: "3.54", body })).body as Json)["attachment"].attach_mode).toBe("ro");
  });
});
