import type { BackupRow } from "../../sim/db/rows.ts";
import { decodeBackupRecord, parseRecordTime } from "../../sim/services/backup/backup-record-codec.ts";
import type { DriverHarness } from "../driver/driver-harness.ts";
import { RuleViolation } from "../rules/rule-violation.ts";
import { expectImportable } from "./compat-checks.ts";
import type { ExportedRecord } from "./writer-phase.ts";

/** manager.py:import_record drops these before `backup.update(backup_options)`. */
const NOT_IMPORTED = ["name", "user_id", "project_id", "deleted_at", "deleted", "fail_reason", "status", "driver_info"];
const TIMES = ["data_timestamp", "created_at", "updated_at"];

/**
 * api.py + manager.py:import_record on the reading release: decode the record, check what the
 * manager checks, create the backup row (`creating`), hand `driver_info` to the driver's
 * `import_record`, then write the record's fields over the row and make it `available`.
 */
export async function importRecord(h: DriverHarness, rec: ExportedRecord): Promise<BackupRow> {
  // manager.py:_is_our_backup(backup_service): the record names the service that can import it
  if (rec.backupService !== h.driver.name)
    throw new RuleViolation("import_record: no backup service for the record (ServiceNotFound)", rec.backupService, h.driver.name);
  const options = decodeBackupRecord(rec.backupUrl);
  expectImportable(options, rec.backupId);
  const driverInfo = (options["driver_info"] ?? {}) as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) {
    if (NOT_IMPORTED.includes(k)) continue;
    fields[k] = TIMES.includes(k) ? (parseRecordTime(v) ?? 0) : v;
  }
  const row: BackupRow = {
    ...(fields as Partial<BackupRow>),
    id: rec.backupId,
    volume_id: String(options["volume_id"]),
    user_id: "conformance-user",
    project_id: "conformance-project",
    status: "creating",
    fail_reason: null,
    deleted: false,
    deleted_at: null,
    metadata: (options["metadata"] ?? {}) as Record<string, string>,
  } as BackupRow;
  h.registry.insert(row);
  await h.driver.importRecord(h.registry.get(row.id)!, driverInfo);
  // manager.import_record: service, availability_zone and host become the importing service's
  return h.registry.update(row.id, { service: h.driver.name, host: "conformance@backup", availability_zone: "nova", status: "available" });
}
