import type { PairModel } from "../cloud-pair.ts";
import { at, PairCommand, type SideHandle } from "../pair-command.ts";
import { untilStarted } from "./mid-operation.ts";

/** Restore a backup into a new volume and restart the backup service once the driver has it (attach window). */
export class RestartDuringRestoreCommand extends PairCommand {
  constructor(readonly backup: number) {
    super();
  }

  check(m: Readonly<PairModel>): boolean {
    return m.backups.length > 0 && m.volumes.length < 6;
  }

  protected async act(h: SideHandle, m: PairModel): Promise<{ outcome: string; created: string }> {
    const id = h.id(at(m.backups, this.backup));
    const r = await h.cloud.ops.backups.restore(h.ctx, id, {});
    await untilStarted(h.cloud, `restore:${r.volume_id}`);
    const host = h.cloud.db.backup(id)?.host;
    if (host) await h.cloud.faults.restartService("cinder-backup", host);
    return { outcome: "restarted", created: r.volume_id };
  }

  protected override record(m: PairModel, ids: { model: string; system: string }): void {
    m.volumes.push(ids);
  }

  toString(): string {
    return `restartDuringRestore(backup #${this.backup})`;
  }
}
