import type { RemoteWorkflow } from "./remote-workflow.ts";
import { seededBytes } from "./volume-data.ts";
import { letItStart } from "./workflow-steps.ts";

const MIB = 1024 * 1024;

/**
 * sim/workflows cancelBackup over REST (guide §3.3, spec §6): an admin's force delete of a
 * backup that is still `creating`. Deterministic the way an operator makes it: a 4 GB volume
 * (three posix chunks on a real cloud; the chunked driver checks for `deleting` before each),
 * and a check that the backup is still `creating` when the delete is sent.
 */
export const cancelBackup: RemoteWorkflow = {
  id: "cancel-backup",
  title: "Cancel a running backup with a force delete",
  needs: ["admin", "data"],
  async run(w) {
    const admin = w.admin;
    const vol = await w.data.volumeWith("vol", 4, seededBytes(w.seed, MIB));
    const before = (await w.quotaInUse("backups")) ?? 0;
    const r = await w.res.ok("create backup", "POST", "/backups", { backup: { volume_id: vol, name: w.res.name("cancel-me") } });
    const b = w.res.track("backups", (r.body as { backup: { id: string } }).backup.id);
    await letItStart(w);
    w.expect("backup is creating when cancelled", (await w.res.get("backups", b))?.status, "creating");
    await w.expectError(
      "delete without force → 400",
      "DELETE",
      `/backups/${b}`,
      undefined,
      400,
      "Invalid backup: Backup status must be available or error",
    );
    await w.res.ok("force delete", "POST", `/backups/${b}/action`, { "os-force_delete": {} }, admin);
    w.expect(
      "backup row is deleted",
      (await w.res.waitFor("backups", b, ["deleted", "error_deleting", "error", "available"], admin))?.status,
      undefined,
    );
    w.expect("volume back to its previous status", (await w.res.waitFor("volumes", vol, ["available", "error"]))?.status, "available");
    w.expect("quota released", await w.quotaInUse("backups"), before);
  },
};

/**
 * sim/workflows cancelRestore over REST (guide §3.5.3, spec §6): an admin resets a restoring
 * backup to `error`; the restore stops between objects, the target goes `error` and the manager
 * puts the backup back to `available`. Same 4 GB sizing and a check that the restore still runs.
 */
export const cancelRestore: RemoteWorkflow = {
  id: "cancel-restore",
  title: "Cancel a running restore with reset-status",
  needs: ["admin", "data"],
  async run(w) {
    const admin = w.admin;
    const vol = await w.data.volumeWith("vol", 4, seededBytes(w.seed, MIB));
    const b = await w.backup("bkp", vol);
    const target = await w.data.volumeWith("target", 4, new Uint8Array(0));
    await w.res.ok(`restore backup ${b}`, "POST", `/backups/${b}/restore`, { restore: { volume_id: target } });
    await letItStart(w);
    w.expect("backup is restoring when cancelled", (await w.res.get("backups", b))?.status, "restoring");
    w.expect("target is restoring-backup when cancelled", (await w.res.get("volumes", target))?.status, "restoring-backup");
    await w.res.ok("reset backup to error", "POST", `/backups/${b}/action`, { "os-reset_status": { status: "error" } }, admin);
    const t = await w.res.waitFor("volumes", target, ["error", "available", "error_restoring"]);
    w.expect("target volume → error", t?.status, "error");
    w.expect(
      "backup → available (the manager overwrites the reset)",
      (await w.res.waitFor("backups", b, ["available"]))?.status,
      "available",
    );
    await w.expectError(
      "reset to an invalid status → 400",
      "POST",
      `/backups/${b}/action`,
      { "os-reset_status": { status: "bogus" } },
      400,
      "Backup status: bogus is invalid, valid statuses are: ['available', 'error'].",
      admin,
    );
  },
};
