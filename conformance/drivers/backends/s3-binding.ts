import { CephContainer } from "../../../lib/backends/index.ts";
import { S3ObjectStore } from "../../../lib/stores/s3/s3-object-store.ts";
import { scopedBinding, startBackendFor } from "./scoped-binding.ts";
import type { StoreBinding } from "./store-binding.ts";

/**
 * cinder:s3 against radosgw's S3 API (the Ceph container): each rule gets its own
 * `backup_s3_store_bucket`, and sees only that bucket. The driver's boto3 client is unchanged.
 */
export async function s3Binding(driver: string, runId: string): Promise<StoreBinding> {
  const ceph = await startBackendFor(driver, "the Ceph/radosgw backend", () =>
    new CephContainer()
      .withMgr(false)
      .withMemstoreBytes(1024 ** 3)
      .start(),
  );
  const endpoint = ceph.rgwUrl as string;
  const { s3AccessKey, s3SecretKey } = ceph.credentials;
  return scopedBinding({
    label: "radosgw's S3 API (Ceph container)",
    runId,
    account: new S3ObjectStore({ endpoint, accessKey: s3AccessKey, secretKey: s3SecretKey }),
    options: (scope) => ({
      backup_s3_endpoint_url: endpoint,
      backup_s3_store_access_key: s3AccessKey,
      backup_s3_store_secret_key: s3SecretKey,
      backup_s3_retry_max_attempts: 1,
      ...(scope ? { backup_s3_store_bucket: scope } : {}),
    }),
    close: () => ceph.stop().then(() => undefined),
  });
}
