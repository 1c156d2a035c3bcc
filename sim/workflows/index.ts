import { fullBackup, incrementalBackup, inUseForce, snapshotBackup } from "./backup-workflows.ts";
import { cancelBackup, cancelRestore, deleteChain, restartCleanup } from "./lifecycle-workflows.ts";
import { dbLossImport, quotaProcedures, serviceList } from "./records-workflows.ts";
import { crossAzBackup, encryptedRestore, restoreExisting } from "./restore-workflows.ts";
import type { Workflow } from "./workflow.ts";

export { WorkflowRun, type Workflow, type Deviation } from "./workflow.ts";
export { runWorkflow, type WorkflowResult } from "./run-workflow.ts";

/** The documented workflows, in the guide's order. */
export const WORKFLOWS: readonly Workflow[] = [
  fullBackup,
  incrementalBackup,
  inUseForce,
  snapshotBackup,
  crossAzBackup,
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
