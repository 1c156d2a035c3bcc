import { generateKeyPairSync } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { GcsContainer } from "../../../lib/backends/index.ts";
import { GcsObjectStore } from "../../../lib/stores/gcs/gcs-object-store.ts";
import { StaticGcsToken } from "../../../lib/stores/gcs/gcs-token-source.ts";
import { scopedBinding, startBackendFor } from "./scoped-binding.ts";
import type { StoreBinding } from "./store-binding.ts";

const PROJECT = "cbh-project";

/**
 * cinder:gcs against the project's GCS JSON API emulator: a bucket per rule
 * (`backup_gcs_bucket`), a service account whose `token_uri` is the emulator (the driver's own
 * google-auth JWT-bearer grant). Zed's driver has no endpoint option; the shim points
 * googleapiclient's discovery URL at the emulator (`CBH_GCS_DISCOVERY_URL`), nothing else.
 */
export async function gcsBinding(
  driver: string,
  runId: string,
  workDir: string,
  listPageSize?: number,
): Promise<StoreBinding & { env: Record<string, string> }> {
  const gcs = await startBackendFor(driver, "the GCS emulator", () => {
    const container = new GcsContainer();
    return (listPageSize ? container.withPageSize(listPageSize) : container).start();
  });

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
  const binding = scopedBinding({
    label: listPageSize ? `the GCS emulator (${listPageSize} names a list page)` : "the GCS emulator",
    runId,
    account: new GcsObjectStore({ endpoint: gcs.endpoint, projectId: PROJECT, tokens: new StaticGcsToken(gcs.token) }),
    options: (scope) => ({
      backup_gcs_project_id: PROJECT,
      backup_gcs_credential_file: credentialFile,
      backup_gcs_num_retries: 1,
      ...(scope ? { backup_gcs_bucket: scope } : {}),
    }),
    close: () => gcs.stop().then(() => undefined),
  });
  return { ...binding, env: { CBH_GCS_DISCOVERY_URL: gcs.discoveryUrl.replace("/storage/v1/", "/{api}/{apiVersion}/") } };
}
