import type { PairModel } from "../cloud-pair.ts";
import { at, PairCommand, type SideHandle } from "../pair-command.ts";

export class DeleteBackupCommand extends PairCommand {
  constructor(
    readonly backup: number,
    readonly force: boolean,
  ) {
    super();
  }

  check(m: Readonly<PairModel>): boolean {
    return m.backups.length > 0;
  }

  protected async act(h: SideHandle, m: PairModel): Promise<{ outcome: string }> {
    await h.cloud.ops.backups.delete(h.ctx, h.id(at(m.backups, this.backup)), this.force);
    return { outcome: "accepted" };
  }

  toString(): string {
    return `deleteBackup(#${this.backup}${this.force ? ", force" : ""})`;
  }
}
