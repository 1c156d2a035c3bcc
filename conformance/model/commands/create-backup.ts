import type { PairModel } from "../cloud-pair.ts";
import { at, PairCommand, type SideHandle } from "../pair-command.ts";

export type BackupMode = "full" | "incremental" | "force" | "snapshot";

/** `backup create` of a volume: full, incremental, force (in-use allowed), or from a snapshot. */
export class CreateBackupCommand extends PairCommand {
  constructor(
    readonly volume: number,
    readonly mode: BackupMode,
    readonly snapshot: number,
  ) {
    super();
  }

  check(m: Readonly<PairModel>): boolean {
    return m.volumes.length > 0 && m.backups.length < 10 && (this.mode !== "snapshot" || m.snapshots.length > 0);
  }

  protected async act(h: SideHandle, m: PairModel): Promise<{ outcome: string; created: string }> {
    const snap = this.mode === "snapshot" ? at(m.snapshots, this.snapshot) : null;
    const volumeId = snap ? (h.cloud.db.snapshot(h.id(snap))?.volume_id ?? "missing") : h.id(at(m.volumes, this.volume));
    const b = await h.cloud.ops.backups.create(h.ctx, {
      volume_id: volumeId,
      incremental: this.mode === "incremental",
      force: this.mode === "force",
      ...(snap ? { snapshot_id: h.id(snap) } : {}),
    });
    return { outcome: b.status, created: b.id };
  }

  protected override record(m: PairModel, ids: { model: string; system: string }): void {
    m.backups.push(ids);
  }

  toString(): string {
    return this.mode === "snapshot"
      ? `createBackup(from snapshot #${this.snapshot})`
      : `createBackup(volume #${this.volume}, ${this.mode})`;
  }
}
