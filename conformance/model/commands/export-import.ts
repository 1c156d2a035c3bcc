import type { PairModel } from "../cloud-pair.ts";
import { at, PairCommand, type SideHandle } from "../pair-command.ts";

/**
 * Export a backup record and import it straight back: cinder refuses the duplicate (400 "Backup
 * already exists in database.", spec §9 #57) or the export itself (not available, §9 #55). Both
 * clouds must answer alike, and the driver's `export_record` must not disturb the backup.
 */
export class ExportImportCommand extends PairCommand {
  constructor(readonly backup: number) {
    super();
  }

  check(m: Readonly<PairModel>): boolean {
    return m.backups.length > 0;
  }

  protected async act(h: SideHandle, m: PairModel): Promise<{ outcome: string }> {
    const r = await h.cloud.ops.backups.exportRecord(h.ctx, h.id(at(m.backups, this.backup)));
    await h.cloud.ops.backups.importRecord(h.ctx, r.backup_service, r.backup_url);
    return { outcome: "imported" };
  }

  toString(): string {
    return `exportThenImport(backup #${this.backup})`;
  }
}
