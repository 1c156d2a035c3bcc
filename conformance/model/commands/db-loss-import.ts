import type { PairModel } from "../cloud-pair.ts";
import { PairCommand, type SideHandle } from "../pair-command.ts";

/** Export every available backup, lose the database, import every record (guide §3.5.2). */
export class DbLossImportCommand extends PairCommand {
  check(m: Readonly<PairModel>): boolean {
    return m.backups.length > 0;
  }

  protected async act(h: SideHandle, m: PairModel): Promise<{ outcome: string }> {
    const records = [];
    for (const b of m.backups) {
      const row = h.cloud.db.backup(h.id(b));
      if (row?.status === "available" && !row.deleted) records.push(await h.cloud.ops.backups.exportRecord(h.ctx, row.id));
    }
    h.cloud.faults.dbLoss();
    for (const r of records) await h.cloud.ops.backups.importRecord(h.ctx, r.backup_service, r.backup_url);
    return { outcome: `${records.length} records re-imported` };
  }

  toString(): string {
    return "dbLossThenImportEveryRecord()";
  }
}
