import type { CloudClient } from "../openstack/index.ts";

/** What an operator can do by hand on the target (the bundled cloud's `CinderOperator`
 *  implements it; a remote cloud usually offers none of it). */
export interface TargetOperator {
  stopService(service: "cinder-api" | "cinder-scheduler" | "cinder-volume" | "cinder-backup" | "glance-api"): Promise<void>;
  startService(service: "cinder-api" | "cinder-scheduler" | "cinder-volume" | "cinder-backup" | "glance-api"): Promise<void>;
  loseDatabase(): Promise<void>;
  volumeSha256(volumeId: string): Promise<string>;
  writeVolume(volumeId: string, data: Uint8Array, offset?: number): Promise<void>;
  /** A simulated cloud's time only moves when asked (`cbh serve`'s `POST /sim/v1/time/advance`):
   *  let `ms` of virtual time pass. A real cloud has none: its time passes by itself. */
  advanceTime?(ms: number): Promise<void>;
}

/** A cloud the harness drives over REST: a member client, optionally an admin client and an
 *  operator facet. `runId` prefixes every resource name: cleanup touches only those. */
export interface RemoteTarget {
  name: string;
  member: CloudClient;
  admin?: CloudClient;
  operator?: TargetOperator;
  runId: string;
  /** How bytes move in and out of volumes: `direct` through the operator facet (default when
   *  there is one), `image` through the Image API even then (what any other cloud uses). */
  dataPath?: "direct" | "image";
  /** Status polling: interval and give-up time. */
  pollMs?: number;
  timeoutMs?: number;
}
