import type { PairModel } from "../cloud-pair.ts";
import { storeObjectCount } from "../cloud-pair.ts";
import { at, PairCommand, type SideHandle } from "../pair-command.ts";
import { untilMoreObjects } from "./mid-operation.ts";

/** Start a backup, wait until it stored an object, restart the backup service running it (spec §2.6). */
export class RestartDuringBackupCommand extends PairCommand {
  constructor(readonly volume: number) {
    super();
  }

  check(m: Readonly<PairModel>): boolean {
    return m.volumes.length > 0 && m.backups.length < 10;
  }

  protected async act(h: SideHandle, m: PairModel): Promise<{ outcome: string; created: string }> {
    const before = await storeObjectCount(h.cloud);
    const b = await h.cloud.ops.backups.create(h.ctx, { volume_id: h.id(at(m.volumes, this.volume)), force: true });
    await untilMoreObjects(h.cloud, before);
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
