import type { PairModel } from "../cloud-pair.ts";
import { at, PairCommand, type SideHandle } from "../pair-command.ts";

/** `backup restore` into a new volume or into an existing one. */
export class RestoreBackupCommand extends PairCommand {
  constructor(
    readonly backup: number,
    readonly target: number | "new",
  ) {
    super();
  }

  check(m: Readonly<PairModel>): boolean {
    return m.backups.length > 0 && (this.target === "new" ? m.volumes.length < 6 : m.volumes.length > 0);
  }

  protected async act(h: SideHandle, m: PairModel): Promise<{ outcome: string; created?: string }> {
    const volumeId = this.target === "new" ? null : h.id(at(m.volumes, this.target));
    const r = await h.cloud.ops.backups.restore(h.ctx, h.id(at(m.backups, this.backup)), { volume_id: volumeId });
    return { outcome: "accepted", ...(this.target === "new" ? { created: r.volume_id } : {}) };
  }

  protected override record(m: PairModel, ids: { model: string; system: string }): void {
    m.volumes.push(ids);
  }

  toString(): string {
    return `restoreBackup(#${this.backup} → ${this.target === "new" ? "new volume" : `volume #${this.target}`})`;
  }
}
