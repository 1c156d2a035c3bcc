import fc from "fast-check";
import type { DriverCapabilities } from "../../sim/driver/backup-driver.ts";
import type { CloudPair, PairModel } from "./cloud-pair.ts";
import type { PairCommand } from "./pair-command.ts";
import { CreateVolumeCommand } from "./commands/create-volume.ts";
import { WriteVolumeCommand } from "./commands/write-volume.ts";
import { CreateSnapshotCommand } from "./commands/create-snapshot.ts";
import { CreateBackupCommand, type BackupMode } from "./commands/create-backup.ts";
import { RestoreBackupCommand } from "./commands/restore-backup.ts";
import { DeleteBackupCommand } from "./commands/delete-backup.ts";
import { ForceDeleteDuringBackupCommand } from "./commands/force-delete-during-backup.ts";
import { RestartDuringBackupCommand } from "./commands/restart-during-backup.ts";
import { RestartDuringRestoreCommand } from "./commands/restart-during-restore.ts";
import { DbLossImportCommand } from "./commands/db-loss-import.ts";
import { ExportImportCommand } from "./commands/export-import.ts";

const idx = fc.nat({ max: 9 });

/** The cloud operations a model run draws from, gated on what the driver under test declares. */
export function commandArbitraries(caps: DriverCapabilities): Array<fc.Arbitrary<PairCommand & fc.AsyncCommand<PairModel, CloudPair>>> {
  const modes: BackupMode[] = ["full", "force", "snapshot", ...(caps.incremental ? (["incremental", "incremental"] as const) : [])];
  const backup = fc.tuple(idx, fc.constantFrom(...modes), idx).map(([v, m, s]) => new CreateBackupCommand(v, m, s));
  const write = fc
    .tuple(idx, fc.constantFrom(0, 0.25, 0.5, 0.999), fc.constantFrom(1, 4096, 40_000, 300_000), fc.nat({ max: 1000 }))
    .map(([v, a, l, s]) => new WriteVolumeCommand(v, a, l, s));
  const restore = fc.tuple(idx, fc.oneof(fc.constant("new" as const), idx)).map(([b, t]) => new RestoreBackupCommand(b, t));
  // A forced delete is 405 for a driver without force delete (api.py:API.delete; Ceph): not drawn.
  const del = fc.tuple(idx, caps.forceDelete ? fc.boolean() : fc.constant(false)).map(([b, f]) => new DeleteBackupCommand(b, f));
  // fc.commands picks uniformly: the everyday operations are listed more than once (weights).
  const arbs: Array<fc.Arbitrary<PairCommand>> = [
    fc
      .tuple(fc.integer({ min: 1, max: 3 }), fc.nat({ max: 1000 }), fc.constantFrom(0, 0.3, 1))
      .map(([s, seed, f]) => new CreateVolumeCommand(s, seed, f)),
    write,
    write,
    backup,
    backup,
    backup,
    restore,
    restore,
    del,
    del,
    idx.map((v) => new CreateSnapshotCommand(v)),
    idx.map((v) => new RestartDuringBackupCommand(v)),
    idx.map((b) => new RestartDuringRestoreCommand(b)),
  ];
  if (caps.forceDelete) arbs.push(idx.map((v) => new ForceDeleteDuringBackupCommand(v)));
  if (caps.exportImport)
    arbs.push(
      fc.constant(new DbLossImportCommand()),
      idx.map((b) => new ExportImportCommand(b)),
    );
  return arbs;
}
