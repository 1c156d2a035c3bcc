import type { CloudClient } from "../openstack/index.ts";
import type { TargetOperator } from "../remote/index.ts";

/** Writing and hashing a volume's bytes: the bundled cloud's operator (librbd, `rbd export`) or
 *  cbh serve's `/sim/v1/volumes/{id}/data|sha256`. A remote cloud has neither. */
export type VolumeBytes = Pick<TargetOperator, "writeVolume" | "volumeSha256">;

/** One side of a differential run: a member client, optionally admin and byte access. */
export interface DiffTarget {
  /** The cloud's name, in every message (clouds.yaml name, `envvars`, `bundled`, `simulator`). */
  name: string;
  member: CloudClient;
  admin?: CloudClient;
  bytes?: VolumeBytes;
  /**
   * The harness owns the member project (the bundled cloud's): cleanup puts its quotas back to the
   * defaults (`DELETE os-quota-sets/{p}`, quotas.py:delete → quota_destroy_by_project) instead of
   * writing the old values back, which would leave the project a limit row per key. Zed checks a new
   * limit against usage only for a key the project has its own row for (quotas.py:update,
   * get_project_quotas(defaults=False)), so rows left by one sequence changed the next one's
   * answers in the same lane (seeds 51, 145, 153), where the simulator starts each sequence fresh.
   */
  ownsProject?: boolean;
  /** Status polling while settling: interval and give-up time (ms). */
  pollMs?: number;
  settleTimeoutMs?: number;
}

/** A fresh target per sequence (the simulator side: a new `cbh serve` cloud each time). */
export interface TargetFactory {
  open(seed: number): Promise<{ target: DiffTarget; close(): Promise<void> }>;
}
