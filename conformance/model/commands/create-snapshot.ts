import type { PairModel } from "../cloud-pair.ts";
import { at, PairCommand, type SideHandle } from "../pair-command.ts";

export class CreateSnapshotCommand extends PairCommand {
  constructor(readonly volume: number) {
    super();
  }

  check(m: Readonly<PairModel>): boolean {
    return m.volumes.length > 0 && m.snapshots.length < 4;
  }

  protected async act(h: SideHandle, m: PairModel): Promise<{ outcome: string; created: string }> {
    const s = await h.cloud.ops.snapshots.create(h.ctx, { volume_id: h.id(at(m.volumes, this.volume)) });
    return { outcome: "accepted", created: s.id };
  }

  protected override record(m: PairModel, ids: { model: string; system: string }): void {
    m.snapshots.push(ids);
  }

  toString(): string {
    return `createSnapshot(volume #${this.volume})`;
  }
}
