import { fullBackup, incrementalBackup, snapshotBackup } from "./backup-workflows.ts";
import { deleteChain, serviceList } from "./lifecycle-workflows.ts";
import type { RemoteWorkflow } from "./remote-workflow.ts";
import { restoreExisting } from "./restore-workflows.ts";
import { cancelBackup, cancelRestore } from "./cancel-workflows.ts";
import { inUseForce, restartCleanup } from "./in-use-workflows.ts";
import { dbLossImport, quotaProcedures } from "./records-workflows.ts";
import { crossAz, encryptedRestore } from "./site-workflows.ts";

export { NotApplicable, RemoteRun, type Need, type RemoteWorkflow } from "./remote-workflow.ts";
export { SimApiOperator } from "./sim-api-operator.ts";
export { waitForSchedulerPools } from "./scheduler-ready.ts";
export { missingNeeds, runRemoteWorkflow, type RemoteResult, type RemoteVerdict } from "./run-remote.ts";
export { Resources, errorMessage } from "./resources.ts";
export type { RemoteTarget, TargetOperator } from "./target.ts";
export { VolumeData, seededBytes } from "./volume-data.ts";

/** The 14 documented workflows ported to REST, in sim/workflows' order and with its ids. */
export const REMOTE_WORKFLOWS: readonly RemoteWorkflow[] = [
  fullBackup,
  incrementalBackup,
  inUseForce,
  snapshotBackup,
  crossAz,
  restoreExisting,
  encryptedRestore,
  deleteChain,
  cancelBackup,
  cancelRestore,
  dbLossImport,
  quotaProcedures,
  serviceList,
  restartCleanup,
];
