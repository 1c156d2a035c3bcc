import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../url/open-store.ts";
import { CephContainer, type StartedCephContainer } from "../../backends/index.ts";
import { objectStoreContract } from "../testing/object-store-contract.ts";
import { S3ObjectStore } from "./s3-object-store.ts";
import { SwiftTempAuth } from "../swift/swift-auth.ts";
import { SwiftObjectStore } from "../swift/swift-object-store.ts";

// One Ceph container (mon + memstore OSD + radosgw) serves both of radosgw's object APIs.
let ceph: StartedCephContainer;
beforeAll(async () => {
  ceph = await new CephContainer()
    .withMgr(false)
    .withMemstoreBytes(1024 ** 3)
    .start();
});
afterAll(async () => {
  await ceph?.stop();
});

describe("S3ObjectStore against Ceph radosgw (S3 API, path-style)", () => {
  let store: S3ObjectStore;
  beforeAll(() => {
    store = new S3ObjectStore({ endpoint: ceph.rgwUrl!, accessKey: ceph.credentials.s3AccessKey, secretKey: ceph.credentials.s3SecretKey });
  });

  objectStoreContract(() => store);

  it("refuses a wrong secret with StoreAuthError", async () => {
    const bad = new S3ObjectStore({
      endpoint: ceph.rgwUrl!,
      accessKey: ceph.credentials.s3AccessKey,
      secretKey: "wrong-secret-key-0000000000000000000000",
    });
    await expect(bad.listContainers()).rejects.toMatchObject({ code: "store-auth-failed" });
  });

  it("opens through a store URL (s3+http://…)", async () => {
    const viaUrl = await openStore(`s3+${ceph.rgwUrl!}`, { user: ceph.credentials.s3AccessKey, key: ceph.credentials.s3SecretKey });
    await viaUrl.ensureContainer("via-url");
    await viaUrl.putObject("via-url", "o", Buffer.from("url"));
    expect(Buffer.from(await store.getObject("via-url", "o")).toString()).toBe("url");
  });

  it("refuses an object above maxObjectBytes", async () => {
    const small = new S3ObjectStore({
      endpoint: ceph.rgwUrl!,
      accessKey: ceph.credentials.s3AccessKey,
      secretKey: ceph.credentials.s3SecretKey,
      maxObjectBytes: 100,
    });
    await small.ensureContainer("limits-bucket");
    await small.putObject("limits-bucket", "big", new Uint8Array(1000));
    await expect(small.getObject("limits-bucket", "big")).rejects.toMatchObject({ code: "object-too-large" });
  });
});

describe("SwiftObjectStore against Ceph radosgw (Swift API, /auth/v1.0)", () => {
  let store: SwiftObjectStore;
  beforeAll(() => {
    store = new SwiftObjectStore({ auth: new SwiftTempAuth(ceph.swiftAuthUrl, ceph.credentials.swiftUser, ceph.credentials.swiftKey) });
  });

  objectStoreContract(() => store, { largeObjectBytes: 8 * 1024 * 1024 });

  it("sees the same buckets as the S3 user (one radosgw user, two APIs)", async () => {
    const s3 = new S3ObjectStore({
      endpoint: ceph.rgwUrl!,
      accessKey: ceph.credentials.s3AccessKey,
      secretKey: ceph.credentials.s3SecretKey,
    });
    await s3.ensureContainer("shared-bucket");
    await s3.putObject("shared-bucket", "from-s3", Buffer.from("hello"));
    expect(Buffer.from(await store.getObject("shared-bucket", "from-s3")).toString()).toBe("hello");
  });
});
