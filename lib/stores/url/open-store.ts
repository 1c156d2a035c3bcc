import type { ObjectStore } from "../contract/object-store.ts";
import { MemoryObjectStore } from "../memory/memory-object-store.ts";
import { PosixObjectStore } from "../posix/posix-object-store.ts";
import { cephCliFor, type CephAccessOptions } from "../rbd/ceph-access.ts";
import type { CephCli } from "../rbd/ceph-cli.ts";
import { RbdStore } from "../rbd/rbd-store.ts";
import { parseStoreUrl, storeCredentials, StoreUrlError, type StoreCredentials, type StoreUrl } from "./store-url.ts";

/**
 * The one factory of store URLs (store-url.ts): every scheme is opened here, for `cbh store`,
 * conformance, scenarios and tests alike. The networked clients (swift/s3/gcs) are loaded on first
 * use, so opening a directory never loads an HTTP client. `rbd:POOL` is not an object store but a
 * Ceph pool in cinder's Ceph backup layout: it opens as a pool (`openStoreUrl`).
 */
export type OpenedStore =
  { kind: "objects"; url: StoreUrl; store: ObjectStore } | { kind: "rbd"; url: StoreUrl; pool: string; cli: CephCli; rbd: RbdStore };

export interface OpenStoreOptions extends StoreCredentials {
  /** How an `rbd:` URL reaches the cluster (else CBH_CEPH_CONTAINER / CBH_CEPH_CONF). */
  ceph?: CephAccessOptions;
}

const memoryStores = new Map<string, MemoryObjectStore>();

function need(c: StoreCredentials, what: string): { user: string; key: string } {
  if (!c.user || !c.key)
    throw new StoreUrlError(`${what} needs credentials: --user/--key, user-info in the URL, or CBH_STORE_USER/CBH_STORE_KEY`);
  return { user: c.user, key: c.key };
}

async function openObjectStore(url: StoreUrl, c: StoreCredentials): Promise<ObjectStore> {
  switch (url.scheme) {
    case "posix":
      return new PosixObjectStore({ root: url.target });
    case "memory": {
      let s = memoryStores.get(url.target);
      if (!s) memoryStores.set(url.target, (s = new MemoryObjectStore()));
      return s;
    }
    case "swift": {
      const { user, key } = need(c, "swift (tempauth user and key)");
      const [{ SwiftObjectStore }, { SwiftTempAuth }] = await Promise.all([
        import("../swift/swift-object-store.ts"),
        import("../swift/swift-auth.ts"),
      ]);
      return new SwiftObjectStore({ auth: new SwiftTempAuth(url.target, user, key) });
    }
    case "s3": {
      const { user, key } = need(c, "s3 (access key and secret key)");
      const { S3ObjectStore } = await import("../s3/s3-object-store.ts");
      return new S3ObjectStore({ endpoint: url.target.replace(/\/$/, ""), accessKey: user, secretKey: key, region: url.params["region"] });
    }
    case "gcs": {
      const project = url.params["project"];
      if (!project) throw new StoreUrlError("gcs needs ?project=PROJECT_ID");
      if (!c.key) throw new StoreUrlError("gcs needs a bearer token: --key or CBH_STORE_KEY");
      const [{ GcsObjectStore }, { StaticGcsToken }] = await Promise.all([
        import("../gcs/gcs-object-store.ts"),
        import("../gcs/gcs-token-source.ts"),
      ]);
      return new GcsObjectStore({ endpoint: url.target.replace(/\/$/, ""), projectId: project, tokens: new StaticGcsToken(c.key) });
    }
    case "rbd":
      throw new StoreUrlError(
        `rbd:${url.target} is a Ceph pool in cinder's Ceph backup layout, not an object store: open it with openStoreUrl`,
      );
  }
}

/** Opens whatever a store URL names: an object store, or a Ceph pool for `rbd:`. */
export async function openStoreUrl(
  raw: string | StoreUrl,
  options: OpenStoreOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<OpenedStore> {
  const url = typeof raw === "string" ? parseStoreUrl(raw) : raw;
  if (url.scheme === "rbd") {
    const cli = cephCliFor(options.ceph ?? {}, env);
    return { kind: "rbd", url, pool: url.target, cli, rbd: new RbdStore(cli) };
  }
  return { kind: "objects", url, store: await openObjectStore(url, storeCredentials(url, options, env)) };
}

/** Opens the object store a URL names (every scheme but `rbd:`). */
export async function openStore(
  raw: string | StoreUrl,
  credentials: StoreCredentials = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<ObjectStore> {
  const url = typeof raw === "string" ? parseStoreUrl(raw) : raw;
  return openObjectStore(url, storeCredentials(url, credentials, env));
}
