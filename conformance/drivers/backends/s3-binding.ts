import type { ObjectStore } from "../../../lib/stores/index.ts";
import { CephContainer, type StartedCephContainer } from "../../../lib/backends/index.ts";
import { S3ObjectStore } from "../../../lib/stores/s3/s3-object-store.ts";
import { DriverLoadError } from "../../driver/module-driver.ts";
import { ScopedStore } from "./scoped-store.ts";
import { unwrapStore, type StoreBinding } from "./store-binding.ts";

/**
 * cinder:s3 against radosgw's S3 API (the Ceph container): each rule gets its own
 * `backup_s3_store_bucket`, and sees only that bucket. The driver's boto3 client is unchanged.
 */
export async function s3Binding(runId: string): Promise<StoreBinding> {
  let ceph: StartedCephContainer;
  try {
    ceph = await new CephContainer()
      .withMgr(false)
      .withMemstoreBytes(1024 ** 3)
      .start();
  } catch (e) {
    throw new DriverLoadError("backend-failed", `cinder:s3: the Ceph/radosgw backend failed to start: ${(e as Error).message}`);
  }
  const endpoint = ceph.rgwUrl as string;
  const { s3AccessKey, s3SecretKey } = ceph.credentials;
  const account = new S3ObjectStore({ endpoint, accessKey: s3AccessKey, secretKey: s3SecretKey });
  const scopes = new WeakMap<ObjectStore, string>();
  let n = 0;
  return {
    label: "radosgw's S3 API (Ceph container)",
    async createStore() {
      const scope = `cbh-${runId}-${++n}`;
      const store = new ScopedStore(account, scope);
      scopes.set(store, scope);
      return store;
    },
    optionsFor(store) {
      const own = unwrapStore(store, scopes);
      return {
        backup_s3_endpoint_url: endpoint,
        backup_s3_store_access_key: s3AccessKey,
        backup_s3_store_secret_key: s3SecretKey,
        backup_s3_retry_max_attempts: 1,
        ...(own ? { backup_s3_store_bucket: scopes.get(own)! } : {}),
      };
    },
    async disposeStore(store) {
      if (!scopes.get(store)) return;
      for (const c of await store.listContainers()) for (const o of await store.listObjects(c)) await store.deleteObject(c, o);
    },
    async close() {
      await ceph.stop();
    },
  };
}
