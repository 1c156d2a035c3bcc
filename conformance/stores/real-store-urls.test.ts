import { describe, expect, it } from "vitest";
import { GcsObjectStore } from "./gcs-object-store.ts";
import { createRealStore, registerRealStores, type RealStoreFactory } from "./real-store-urls.ts";
import { S3ObjectStore } from "./s3-object-store.ts";
import { SwiftKeystoneV3Auth, SwiftTempAuth } from "./swift-auth.ts";
import { SwiftObjectStore } from "./swift-object-store.ts";

const authOf = (store: unknown) => (store as { options: { auth: unknown } }).options.auth;

describe("real store URLs", () => {
  it("builds a tempauth Swift store", () => {
    const store = createRealStore("swift://127.0.0.1:8080/auth/v1.0?user=test:tester&key=testing");
    expect(store).toBeInstanceOf(SwiftObjectStore);
    expect(authOf(store)).toEqual(new SwiftTempAuth("http://127.0.0.1:8080/auth/v1.0", "test:tester", "testing"));
  });

  it("builds a Keystone v3 Swift store over https, secrets from creds", () => {
    const store = createRealStore("swifts://keystone.example:5000/v3?auth=3&project=service", { user: "cinder", key: "pw" });
    const auth = authOf(store) as SwiftKeystoneV3Auth;
    expect(auth).toBeInstanceOf(SwiftKeystoneV3Auth);
    expect(auth.credentials).toMatchObject({ authUrl: "https://keystone.example:5000/v3", username: "cinder", password: "pw", projectName: "service" });
  });

  it("builds S3 and GCS stores", () => {
    expect(createRealStore("s3://AK:S%2FK@127.0.0.1:7480").kind).toBe("s3");
    expect(createRealStore("s3://AK:SK@127.0.0.1:7480")).toBeInstanceOf(S3ObjectStore);
    const gcs = createRealStore("gcs://127.0.0.1:4443?project=p&token=t");
    expect(gcs).toBeInstanceOf(GcsObjectStore);
    expect((gcs as unknown as { root: string }).root).toBe("http://127.0.0.1:4443");
  });

  it("rejects unknown schemes and missing secrets without echoing them", () => {
    expect(() => createRealStore("ftp://x")).toThrow(expect.objectContaining({ code: "invalid-store-url" }));
    expect(() => createRealStore("not a url")).toThrow(expect.objectContaining({ code: "invalid-store-url" }));
    expect(() => createRealStore("swift://h/auth/v1.0?user=u")).toThrow(/missing key/);
    expect(() => createRealStore("s3://127.0.0.1:7480")).toThrow(/missing access key/);
    expect(() => createRealStore("gcs://h?project=p")).toThrow(/token=/);
    try {
      createRealStore("swift://h/auth/v1.0?key=SECRET123");
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain("SECRET123");
    }
  });

  it("registers every scheme with a registry", () => {
    const seen: Record<string, RealStoreFactory> = {};
    registerRealStores((scheme, factory) => (seen[scheme] = factory));
    expect(Object.keys(seen).sort()).toEqual(["gcs", "gcss", "s3", "s3s", "swift", "swifts"]);
  });
});
