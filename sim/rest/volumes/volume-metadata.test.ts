import { beforeEach, describe, expect, it } from "vitest";
import { createRestHandler } from "../handler.ts";
import { createFakeCloud, restClient, type FakeCloud } from "../testing/index.ts";

describe("volume metadata routes (v2/volume_metadata.py)", () => {
  let cloud: FakeCloud;
  let call: ReturnType<typeof restClient>;
  let id: string;
  beforeEach(async () => {
    cloud = createFakeCloud();
    call = restClient(createRestHandler(cloud));
    id = (await cloud.ops.volumes.create(cloud.context("demo"), { size: 1, metadata: { a: "1" } })).id;
  });

  it("lists, merges (POST), replaces (PUT), shows, sets and deletes one key", async () => {
    expect((await call("GET", `volumes/${id}/metadata`)).body).toEqual({ metadata: { a: "1" } });
    expect((await call("POST", `volumes/${id}/metadata`, { body: { metadata: { b: "2" } } })).body).toEqual({
      metadata: { a: "1", b: "2" },
    });
    expect((await call("GET", `volumes/${id}/metadata/b`)).body).toEqual({ meta: { b: "2" } });
    expect((await call("PUT", `volumes/${id}/metadata/b`, { body: { meta: { b: "3" } } })).body).toEqual({ meta: { b: "3" } });
    expect((await call("DELETE", `volumes/${id}/metadata/a`)).status).toBe(200);
    expect((await call("PUT", `volumes/${id}/metadata`, { body: { metadata: { z: "9" } } })).body).toEqual({ metadata: { z: "9" } });
    expect(cloud.state.volumes[0]!.metadata).toEqual({ z: "9" });
  });

  it("cinder's errors: missing key, URI mismatch, too many items, bad keys", async () => {
    expect((await call("GET", `volumes/${id}/metadata/nope`)).body).toEqual({
      itemNotFound: { code: 404, message: `Volume ${id} has no metadata with key nope.` },
    });
    expect((await call("PUT", `volumes/${id}/metadata/a`, { body: { meta: { b: "1" } } })).body).toEqual({
      badRequest: { code: 400, message: "Request body and URI mismatch" },
    });
    expect((await call("PUT", `volumes/${id}/metadata/a`, { body: { meta: { a: "1", b: "2" } } })).body).toEqual({
      badRequest: {
        code: 400,
        message: "Invalid input for field/attribute meta. Value: {'a': '1', 'b': '2'}. {'a': '1', 'b': '2'} has too many properties",
      },
    });
    expect((await call("POST", `volumes/${id}/metadata`, { body: { metadata: { "b@d": "x" } } })).body).toEqual({
      badRequest: {
        code: 400,
        message:
          "Invalid input for field/attribute metadata. Value: {'b@d': 'x'}. 'b@d' does not match any of the regexes: '^[a-zA-Z0-9-_:. /]{1,255}$'",
      },
    });
  });
});
