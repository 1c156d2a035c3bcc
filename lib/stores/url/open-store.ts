import { registerStoreFactory, StoreUrlError, type StoreCredentials } from "./store-url.ts";

/**
 * Factories for the networked stores (swift/s3/gcs). Modules are loaded on first use so `cbh store`
 * over a directory never loads an HTTP client. `rbd:` is recognised but holds Ceph images, not
 * chunked objects: it is refused with a pointer to the conformance runner.
 */
function need(c: StoreCredentials, what: string): { user: string; key: string } {
  if (!c.user || !c.key) throw new StoreUrlError(`${what} needs credentials: --user/--key, user-info in the URL, or CBH_STORE_USER/CBH_STORE_KEY`);
  return { user: c.user, key: c.key };
}

export function registerNetworkStores(): void {
  registerStoreFactory("swift", async (url, c) => {
    const { user, key } = need(c, "swift (tempauth user and key)");
    const [{ SwiftObjectStore }, { SwiftTempAuth }] = await Promise.all([import("../swift/swift-object-store.ts"), import("../swift/swift-auth.ts")]);
    return new SwiftObjectStore({ auth: new SwiftTempAuth(url.target, user, key) });
  });
  registerStoreFactory("s3", async (url, c) => {
    const { user, key } = need(c, "s3 (access key and secret key)");
    const { S3ObjectStore } = await import("../s3/s3-object-store.ts");
    return new S3ObjectStore({ endpoint: url.target.replace(/\/$/, ""), accessKey: user, secretKey: key, region: url.params["region"] });
  });
  registerStoreFactory("gcs", async (url, c) => {
    const project = url.params["project"];
    if (!project) throw new StoreUrlError("gcs needs ?project=PROJECT_ID");
    if (!c.key) throw new StoreUrlError("gcs needs a bearer token: --key or CBH_STORE_KEY");
    const [{ GcsObjectStore }, { StaticGcsToken }] = await Promise.all([import("../gcs/gcs-object-store.ts"), import("../gcs/gcs-token-source.ts")]);
    return new GcsObjectStore({ endpoint: url.target.replace(/\/$/, ""), projectId: project, tokens: new StaticGcsToken(c.key) });
  });
  registerStoreFactory("rbd", (url) => {
    throw new StoreUrlError(`rbd:${url.target} holds Ceph backup images, not chunked objects; use 'cbh conformance --backend ceph' for RBD`);
  });
}
