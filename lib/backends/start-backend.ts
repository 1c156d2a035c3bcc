import { CephContainer, type StartedCephContainer } from "./ceph-container.ts";
import { GcsContainer, type StartedGcsContainer } from "./gcs-container.ts";
import { NfsContainer, type StartedNfsContainer } from "./nfs-container.ts";
import { SwiftContainer, type StartedSwiftContainer } from "./swift-container.ts";
import { SwiftKeystoneContainer, type StartedSwiftKeystoneContainer } from "./swift-keystone-container.ts";

export interface StartedBackends {
  ceph: StartedCephContainer;
  swift: StartedSwiftContainer;
  "swift-keystone": StartedSwiftKeystoneContainer;
  gcs: StartedGcsContainer;
  nfs: StartedNfsContainer;
}

export type BackendKind = keyof StartedBackends;

/** Builders by kind, for callers that want the fluent options before `start()`. */
export function backendContainer(kind: "ceph"): CephContainer;
export function backendContainer(kind: "swift"): SwiftContainer;
export function backendContainer(kind: "swift-keystone"): SwiftKeystoneContainer;
export function backendContainer(kind: "gcs"): GcsContainer;
export function backendContainer(kind: "nfs"): NfsContainer;
export function backendContainer(kind: BackendKind): CephContainer | SwiftContainer | SwiftKeystoneContainer | GcsContainer | NfsContainer;
export function backendContainer(kind: BackendKind): CephContainer | SwiftContainer | SwiftKeystoneContainer | GcsContainer | NfsContainer {
  switch (kind) {
    case "ceph":
      return new CephContainer();
    case "swift":
      return new SwiftContainer();
    case "swift-keystone":
      return new SwiftKeystoneContainer();
    case "gcs":
      return new GcsContainer();
    case "nfs":
      return new NfsContainer();
    default:
      throw new UnknownBackendError(kind);
  }
}

/** Starts a backend with its defaults; the caller must `stop()` it (Ryuk is off). */
export async function startBackend<K extends BackendKind>(kind: K): Promise<StartedBackends[K]> {
  return (await backendContainer(kind).start()) as StartedBackends[K];
}

export class UnknownBackendError extends Error {
  readonly code = "unknown-backend";
  constructor(readonly kind: string) {
    super(`unknown backend ${JSON.stringify(kind)}; expected one of ceph, swift, swift-keystone, gcs, nfs`);
    this.name = "UnknownBackendError";
  }
}
