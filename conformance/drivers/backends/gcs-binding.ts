import { generateKeyPairSync } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ObjectStore } from "../../../lib/stores/index.ts";
import { GcsContainer, type StartedGcsContainer } from "../../../lib/backends/index.ts";
import { DriverLoadError } from "../../driver/module-driver.ts";
import { GcsObjectStore } from "../../../lib/stores/gcs/gcs-object-store.ts";
import { StaticGcsToken } from "../../../lib/stores/gcs/gcs-token-source.ts";
import { ScopedStore } from "./scoped-store.ts";
import { unwrapStore, type StoreBinding } from "./store-binding.ts";

const PROJECT = "cbh-project";

/**
 * cinder:gcs against the project's GCS JSON API emulator: a bucket per rule
 * (`backup_gcs_bucket`), a service account whose `token_uri` is the emulator (the driver's own
 * google-auth JWT-bearer grant). Zed's driver has no endpoint option; the shim points
 * googleapiclient's discovery URL at the emulator (`CBH_GCS_DISCOVERY_URL`), nothing else.
 */
export async function gcsBinding(
  runId: string,
  workDir: string,
  listPageSize?: number,
): Promise<StoreBinding & { env: Record<string, string> }> {
  let gcs: StartedGcsContainer;
  try {
    const container = new GcsContainer();
    gcs = await (listPageSize ? container.withPageSize(listPageSize) : container).start();
  } catch (e) {
    throw new DriverLoadError("backend-failed", `cinder:gcs: the GCS emulator failed to start: ${(e as Error).message}`);
  }
  const credentialFile = join(workDir, "gcs-service-account.json");
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  await writeFile(
    credentialFile,
    JSON.stringify({
      type: "service_account",
      project_id: PROJECT,
      private_key_id: "cbh-key-1",
      client_id: "1",
      private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      client_email: `cinder-backup@${PROJECT}.iam.gserviceaccount.com`,
      token_uri: gcs.tokenUri,
    }),
  );
  const account = new GcsObjectStore({ endpoint: gcs.endpoint, projectId: PROJECT, tokens: new StaticGcsToken(gcs.token) });
  const scopes = new WeakMap<ObjectStore, string>();
  let n = 0;
  return {
    label: listPageSize ? `the GCS emulator (${listPageSize} names a list page)` : "the GCS emulator",
    env: { CBH_GCS_DISCOVERY_URL: gcs.discoveryUrl.replace("/storage/v1/", "/{api}/{apiVersion}/") },
    async createStore() {
      const scope = `cbh-${runId}-${++n}`;
      const store = new ScopedStore(account, scope);
      scopes.set(store, scope);
      return store;
    },
    optionsFor(store) {
      const own = unwrapStore(store, scopes);
      return {
        backup_gcs_project_id: PROJECT,
        backup_gcs_credential_file: credentialFile,
        backup_gcs_num_retries: 1,
        ...(own ? { backup_gcs_bucket: scopes.get(own)! } : {}),
      };
    },
    async disposeStore(store) {
      if (!scopes.get(store)) return;
      for (const c of await store.listContainers()) for (const o of await store.listObjects(c)) await store.deleteObject(c, o);
    },
    async close() {
      await gcs.stop();
    },
  };
}
