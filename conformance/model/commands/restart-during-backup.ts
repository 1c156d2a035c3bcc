import type { PairModel } from "../cloud-pair.ts";
import { at, PairCommand, type SideHandle } from "../pair-command.ts";
import { untilStarted } from "./mid-operation.ts";

/**
 * Start a backup and restart the backup service running it as soon as the driver has it (in the
 * attach window, the same point in both clouds whatever each driver's speed) (spec §2.6).
 */
export class RestartDuringBackupCommand extends PairCommand {
  constructor(readonly volume: number) {
    super();
  }

  check(m: Readonly<PairModel>): boolean {
    return m.volumes.length > 0 && m.backups.length < 10;
  }

  protected async act(h: SideHandle, m: PairModel): Promise<{ outcome: string; created: string }> {
    const b = await h.cloud.ops.backups.create(h.ctx, { volume_id: h.id(at(m.volumes, this.volume)), force: true });
    await untilStarted(h.cloud, `backup:${b.id}`);
    const host = h.cloud.db.backup(b.id)?.host;
    if (host) await h.cloud.faults.restartService("cinder-backup", host);
    return { outcome: host ? "restarted" : "no backup host chosen", created: b.id };
  }

  protected override record(m: PairModel, ids: { model: string; system: string }): void {
    m.backups.push(ids);
  }

  toString(): string {
    return `restartDuringBackup(volume #${this.volume})`;
  }
}
