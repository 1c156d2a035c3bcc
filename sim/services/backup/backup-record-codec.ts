import type { BackupRow } from "../../db/rows.ts";
import { invalidInput } from "../../errors/cinder-errors.ts";
import { pythonJsonDumps, type PyJson } from "../../../lib/format/index.ts";

/** `objects.Backup.fields` order of cinder 21.3.1 (what `encode_record` walks), `parent` excluded. */
export const RECORD_FIELDS = [
  "id",
  "user_id",
  "project_id",
  "volume_id",
  "host",
  "availability_zone",
  "container",
  "parent_id",
  "status",
  "fail_reason",
  "size",
  "display_name",
  "display_description",
  "service_metadata",
  "service",
  "object_count",
  "temp_volume_id",
  "temp_snapshot_id",
  "num_dependent_backups",
  "snapshot_id",
  "data_timestamp",
  "restore_volume_id",
  "metadata",
  "encryption_key_id",
  "created_at",
  "updated_at",
  "deleted_at",
  "deleted",
] as const;

const DATETIMES = new Set(["data_timestamp", "created_at", "updated_at", "deleted_at"]);

/** oslo `DateTimeField.to_primitive`: `2026-01-01T00:00:00Z` (seconds precision). */
export function isotimeSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/**
 * `Backup.encode_record(driver_info=...)`: base64 (standard, padded) of the UTF-8 JSON of
 * `{driver_info, <every field but parent>}`, serialised like `jsonutils.dumps` (", " / ": ",
 * ASCII escapes). Record fields win over driver_info keys of the same name.
 */
export function encodeBackupRecord(b: BackupRow, driverInfo: Record<string, unknown>): string {
  const rec: Record<string, unknown> = { ...driverInfo };
  for (const f of RECORD_FIELDS) {
    const v = (b as unknown as Record<string, unknown>)[f];
    rec[f] = DATETIMES.has(f) && typeof v === "number" ? isotimeSeconds(v) : (v ?? null);
  }
  const { driver_info: _, ...rest } = rec;
  const ordered = { driver_info: driverInfo, ...rest };
  return Buffer.from(pythonJsonDumps(ordered as PyJson), "utf8").toString("base64");
}

/** `Backup.decode_record`: 400 "Can't parse backup record." when it is not base64 JSON. */
export function decodeBackupRecord(url: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9+/=\s_-]*$/.test(url)) throw new SyntaxError("not base64");
    parsed = JSON.parse(Buffer.from(url, "base64").toString("utf8"));
  } catch {
    throw invalidInput("Can't parse backup record.");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw invalidInput("Can't parse backup record.");
  return parsed as Record<string, unknown>;
}

/** Parses an ISO datetime of a record back to ms (null when absent or malformed). */
export function parseRecordTime(v: unknown): number | null {
  if (typeof v !== "string") return null;
  const ms = Date.parse(v.endsWith("Z") || /[+-]\d\d:\d\d$/.test(v) ? v : `${v}Z`);
  return Number.isFinite(ms) ? ms : null;
}
