import type { RpcHandlers } from "../../bus/rpc-api.ts";
import type { CloudState } from "../../kernel/cloud-state.ts";
import type { VolumeRow } from "../../db/rows.ts";
import { CinderService } from "../cinder-service.ts";
import { updateBackupError } from "../backup/backup-errors.ts";
import { DETAIL } from "../../kernel/user-messages.ts";
import { schedulerBackupHost } from "./backup-host-choice.ts";
import { carry } from "../backup/carried-backup.ts";
import type { SchedulerRpcApi } from "./scheduler-rpcapi.ts";

/** cinder-scheduler (`scheduler/manager.py:SchedulerManager`): places volumes and backups. */
export class SchedulerService extends CinderService<SchedulerRpcApi> {
  constructor(state: CloudState, host: string, az: string) {
    super(state, "cinder-scheduler", host, az, "cinder-scheduler");
  }

  protected readonly handlers: RpcHandlers<SchedulerRpcApi> = {
    create_backup: (a) => this.#createBackup(a.backup_id, a.availability_zone),
    create_volume: (a) => this.#createVolume(a.volume_id, a.backup_id),
  };

  /** `SchedulerManager.create_backup` (guide step 6 via the scheduler). */
  async #createBackup(backupId: string, requestedAz: string | null): Promise<void> {
    const st = this.state;
    const backup = st.db.backups.getAny(backupId);
    const volume = backup ? st.db.volume(backup.volume_id) : undefined;
    if (!backup || !volume) return;
    let host = st.release.schedulerKeepsBackupHost ? backup.host : null;
    if (!host) host = schedulerBackupHost(st, volume, st.release.honoursBackupAz && requestedAz ? requestedAz : volume.availability_zone);
    if (!host) {
      // ServiceNotFound: statuses swapped (a snapshot source stays backing-up), message 024.
      st.db.update(volume, { status: (volume.previous_status ?? "available") as VolumeRow["status"], previous_status: volume.status });
      updateBackupError(st, backup, "Service not found for creating backup.");
      st.messages.add({
        id: st.ids.uuid(),
        project_id: backup.project_id,
        resource_type: "VOLUME_BACKUP",
        resource_uuid: backup.id,
        action: "BACKUP_CREATE",
        detail_id: DETAIL.BACKUP_SCHEDULE_ERROR,
        created_at: st.clock.now(),
      });
      if (this.tracing)
        this.trace({
          flow: "backup",
          kind: "error",
          event: { type: "status", resource: "backup", id: backup.id, to: "error", reason: "Service not found for creating backup." },
        });
      return;
    }
    st.db.update(backup, { host });
    if (this.tracing)
      this.trace({
        flow: "backup",
        step: 6,
        kind: "state",
        event: { type: "note", text: `backup ${backup.id} scheduled to ${host}`, subjects: [backup.id] },
      });
    this.cast(host, "cinder-backup", "create_backup", { backup_id: backup.id, carried: carry(backup) }, { flow: "backup", step: 6 });
  }

  /** `SchedulerManager.create_volume`: a volume backend of the volume's AZ that is up. */
  async #createVolume(volumeId: string, backupId?: string): Promise<void> {
    const st = this.state;
    const v = st.db.volume(volumeId);
    if (!v) return;
    const backends = st.services
      .rows()
      .filter((s) => s.binary === "cinder-volume" && !s.disabled && s.availability_zone === v.availability_zone && st.services.isUp(s));
    if (!backends.length) {
      st.db.update(v, { status: "error" });
      if (this.tracing)
        this.trace({
          flow: "volume",
          kind: "error",
          event: { type: "note", text: `volume ${v.id}: No valid backend was found.`, subjects: [v.id] },
        });
      return;
    }
    const host = st.prng.stream("scheduler.volume-host").pick(backends.map((b) => b.host));
    st.db.update(v, { host });
    if (this.tracing)
      this.trace({
        flow: backupId ? "restore" : "volume",
        ...(backupId ? { step: 4 } : {}),
        kind: "state",
        event: { type: "note", text: `volume ${v.id} scheduled to ${host}`, subjects: [v.id] },
      });
    this.cast(
      host,
      "cinder-volume",
      "create_volume",
      { volume_id: v.id, ...(backupId ? { backup_id: backupId } : {}) },
      backupId ? { flow: "restore", step: 4 } : { flow: "volume" },
    );
  }
}
