/** Images built by scripts/ci/docker-up.sh from fixtures/images/<name>/ (no registry here). */
export type BackendName = "ceph" | "swift" | "swift-keystone" | "gcs" | "nfs" | "cinder";

/** Every harness container carries this label; scripts/ci/docker-down.sh reaps by it. */
export const HARNESS_LABEL = { "cbh.harness": "true" } as const;

/** `local/cbh-<name>:ci`, or `$CBH_IMAGE_PREFIX<name>:<$CBH_IMAGE_TAG>` when overridden. */
export function backendImage(name: BackendName): string {
  const prefix = process.env.CBH_IMAGE_PREFIX ?? "local/cbh-";
  const tag = process.env.CBH_IMAGE_TAG ?? "ci";
  return `${prefix}${name}:${tag}`;
}
