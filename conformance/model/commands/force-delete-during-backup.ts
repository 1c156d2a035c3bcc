import { type PairModel, storeObjectCount } from "../cloud-pair.ts";
import { at, PairCommand, type SideHandle } from "../pair-command.ts";
import { untilMoreObjects } from "./mid-operation.ts";

/** Start a backup, wait until it has stored an object, force-delete it (cancel, spec §6). */
export class ForceDeleteDuringBackupCommand extends PairCommand {
  constructor(readonly volume: number) {
    super();
  }

  check(m: Readonly<PairModel>): boolean {
    return m.volumes.length > 0 && m.backups.length < 10;
  }

  protected async act(h: SideHandle, m: PairModel): Promise<{ outcome: string; created: string }> {
    const before = await storeObjectCount(h.cloud);
    const b = await h.cloud.ops.backups.create(h.ctx, { volume_id: h.id(at(m.volumes, this.volume)), force: true });
    // Mid-way when the driver stores anything at all (a sparse driver may store nothing for zeros);
    // how far each driver got is not compared, only where both clouds end up.
    await untilMoreObjects(h.cloud, before);
    await h.cloud.ops.backups.delete(h.ctx, b.id, true);
    return { outcome: "force delete accepted", created: b.id };
  }

  protected override record(m: PairModel, ids: { model: string; system: string }): void {
    m.backups.push(ids);
  }

  toString(): string {
    return `forceDeleteDuringBackup(volume #${this.volume})`;
  }
}
