import type { Step } from "./step.ts";

/** A status the cloud reaches after the answer, once a service has handled a cast. */
export interface AwaitedStatus {
  ref: string;
  status: string;
}

const BACKUP_ACTION = /^\/backups\/\{ref:([^}]+)\}\/action$/;

/**
 * The status a successful step leaves behind only later. A backup's `os-reset_status` answers 202
 * before anything changes: backup/api.py:API.reset_status casts to the backup host
 * (backup/rpcapi.py:BackupAPI.reset_status), and BackupManager.reset_status sets the status when
 * it handles the message. Neither status is transitional, so `settle` alone could read the old one.
 * Volume and snapshot resets write the row in the API (admin_actions.py:*AdminController._update):
 * nothing to wait for.
 */
export function awaitedStatus(step: Step, answered: number | string): AwaitedStatus | undefined {
  if (step.kind !== "api" || step.method !== "POST" || typeof answered !== "number" || answered >= 300) return undefined;
  const ref = BACKUP_ACTION.exec(step.path)?.[1];
  const reset = (step.body as { "os-reset_status"?: { status?: unknown } } | undefined)?.["os-reset_status"];
  if (!ref || typeof reset?.status !== "string") return undefined;
  return { ref, status: reset.status };
}
