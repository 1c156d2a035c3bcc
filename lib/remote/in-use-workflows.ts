import type { RemoteWorkflow } from "./remote-workflow.ts";
import { seededBytes } from "./volume-data.ts";
import { attach, detachAll, letItStart, tempClonesLeft } from "./workflow-steps.ts";

const MIB = 1024 * 1024;

/** sim/workflows inUseForce over REST (guide §3.1.4): an in-use volume needs --force. */
export const inUseForce: RemoteWorkflow = {
  id: "in-use-force",
  title: "Backup of an in-use volume needs --force and uses a temporary clone",
  needs: ["data"],
  async run(w) {
    const vol = await w.data.volumeWith("vol", 1, seededBytes(w.seed, MIB));
    try {
      await attach(w, vol, "6f1c7a1e-0000-4000-8000-000000000001", "/dev/vdb");
      w.expect("volume is in-use", (await w.res.get("volumes", vol))?.status, "in-use");
      const backupsBefore = (await w.quotaInUse("backups")) ?? 0;
      const volumesBefore = (await w.quotaInUse("volumes")) ?? 0;
      await w.expectError(
        "without force → 400",
        "POST",
        "/backups",
        { backup: { volume_id: vol, name: w.res.name("no-force") } },
        400,
        "Invalid volume: Backing up an in-use volume must use the force flag.",
      );
      w.expect("nothing reserved by the refused request", await w.quotaInUse("backups"), backupsBefore);
      const id = await w.backup("bkp", vol, { force: true });
      w.expect("forced backup is available", (await w.res.get("backups", id))?.status, "available");
      w.expect("volume is in-use again", (await w.res.get("volumes", vol))?.status, "in-use");
      // The clone is deleted after the backup (a cast): an admin soon sees no live backup-vol-<id>.
      const clones = await tempClonesLeft(w, vol);
      if (clones) w.expect("the temporary clone was deleted", clones, []);
      w.expect("the temporary clone used no quota", await w.quotaInUse("volumes"), volumesBefore);
    } finally {
      await detachAll(w, vol);
    }
  },
};

/** sim/workflows restartCleanup over REST (spec §2.6): restart cinder-backup during a backup. */
export const restartCleanup: RemoteWorkflow = {
  id: "restart-cleanup",
  title: "Backup service restart during a backup resets the stuck states",
  needs: ["operator", "data"],
  async run(w) {
    const op = w.operator;
    const vol = await w.data.volumeWith("vol", 4, seededBytes(w.seed, MIB));
    try {
      await attach(w, vol, "6f1c7a1e-0000-4000-8000-000000000003", "/dev/vdd");
      const r = await w.res.ok("create backup bkp", "POST", "/backups", {
        backup: { volume_id: vol, force: true, name: w.res.name("bkp") },
      });
      const b = w.res.track("backups", (r.body as { backup: { id: string } }).backup.id);
      await letItStart(w);
      w.expect("backup is creating when the service stops", (await w.res.get("backups", b))?.status, "creating");
      await op.stopService("cinder-backup");
      await op.startService("cinder-backup");
      // backup/manager.py:_cleanup_incomplete_backup_operations, run by init_host
      const row = await w.res.waitFor("backups", b, ["error", "available"]);
      w.expect("backup → error", row?.status, "error");
      w.expect("fail_reason", row?.["fail_reason"], "incomplete backup reset on manager restart");
      w.expect("volume back to in-use", (await w.res.waitFor("volumes", vol, ["in-use", "available", "error"]))?.status, "in-use");
      const clones = await tempClonesLeft(w, vol);
      if (clones) w.expect("temporary volume deleted", clones, []);
    } finally {
      await detachAll(w, vol);
    }
  },
};
