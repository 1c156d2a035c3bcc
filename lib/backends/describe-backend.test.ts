import { describe, expect, it } from "vitest";
import { describeBackend } from "./describe-backend.ts";
import type { StartedBackends } from "./start-backend.ts";

// Started objects are only read here, so plain objects with the same getters stand in.
const stub = <T>(fields: object): T => ({ getId: () => "c0ffee", ...fields }) as T;

describe("describeBackend", () => {
  it("describes swift with its store URL and tempauth credentials", () => {
    const d = describeBackend(
      "swift",
      stub<StartedBackends["swift"]>({
        proxyUrl: "http://127.0.0.1:1",
        authUrl: "http://127.0.0.1:1/auth/v1.0",
        user: "test:tester",
        key: "testing",
      }),
    );
    expect(d).toEqual({
      kind: "swift",
      containerId: "c0ffee",
      endpoints: { proxy: "http://127.0.0.1:1", auth: "http://127.0.0.1:1/auth/v1.0" },
      credentials: { user: "test:tester", key: "testing" },
      storeUrl: "swift+http://127.0.0.1:1/auth/v1.0",
    });
  });

  it("describes ceph with and without radosgw", () => {
    const credentials = { s3AccessKey: "AK", s3SecretKey: "SK", swiftUser: "tester:swift", swiftKey: "k" };
    const withRgw = describeBackend(
      "ceph",
      stub<StartedBackends["ceph"]>({
        monHost: "[v2:127.0.0.1:1]",
        rgwUrl: "http://127.0.0.1:2",
        swiftAuthUrl: "http://127.0.0.1:2/auth/v1.0",
        credentials,
      }),
    );
    expect(withRgw.storeUrl).toBe("s3+http://127.0.0.1:2");
    expect(withRgw.endpoints).toEqual({
      monHost: "[v2:127.0.0.1:1]",
      rgw: "http://127.0.0.1:2",
      swiftAuth: "http://127.0.0.1:2/auth/v1.0",
    });
    const noRgw = describeBackend("ceph", stub<StartedBackends["ceph"]>({ monHost: "[v2:127.0.0.1:1]", rgwUrl: undefined, credentials }));
    expect(noRgw.storeUrl).toBeUndefined();
    expect(noRgw.endpoints).toEqual({ monHost: "[v2:127.0.0.1:1]" });
  });

  it("describes nfs and swift-keystone", () => {
    expect(describeBackend("nfs", stub<StartedBackends["nfs"]>({ nfsUrl: () => "nfs://127.0.0.1/export/?nfsport=1" })).endpoints).toEqual({
      export: "nfs://127.0.0.1/export/?nfsport=1",
    });
    const users = {
      admin: { username: "admin", password: "admin", projectName: "admin" },
      demo: { username: "demo", password: "demo-pw", projectName: "demo" },
    };
    expect(
      describeBackend("swift-keystone", stub<StartedBackends["swift-keystone"]>({ proxyUrl: "p", keystoneUrl: "k", users })).credentials,
    ).toMatchObject({ user: "demo", key: "demo-pw", project: "demo" });
  });
});
