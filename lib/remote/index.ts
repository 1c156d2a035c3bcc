import { fullBackup, incrementalBackup, snapshotBackup } from "./backup-workflows.ts";
import { deleteChain, serviceList } from "./lifecycle-workflows.ts";
import type { RemoteWorkflow } from "./remote-workflow.ts";
import { restoreExisting } from "./restore-workflows.ts";

export { RemoteRun, type Need, type RemoteWorkflow } from "./remote-workflow.ts";
export { missingNeeds, runRemoteWorkflow, type RemoteResult, type RemoteVerdict } from "./run-remote.ts";
export { Resources, errorMessage } from "./resources.ts";
export type { RemoteTarget, TargetOperator } from "./target.ts";
export { VolumeData, seededBytes } from "./volume-data.ts";

/** The documented workflows ported to REST (ids as in sim/workflows). The others are reported
 *  as not ported for a remote target: never as passed. */
export const REMOTE_WORKFLOWS: readonly RemoteWorkflow[] = [
  fullBackup,
  incrementalBackup,
  snapshotBackup,
  restoreExisting,
  deleteChain,
  serviceList,
];
