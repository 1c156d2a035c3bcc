import type { SparseDevice } from "../driver/sparse-device.ts";
import type { StoreInspection } from "../driver/store-inspector.ts";
import { isRuleViolation, RuleViolation } from "../rules/rule-violation.ts";
import { describeObjects } from "../rules/support/describe-objects.ts";

/** A failure of one step of a case: which step (`restore point 2/3 with epoxy`) and why. */
export class CompatStepError extends Error {
  readonly code = "CBH_COMPAT_STEP";
  constructor(
    readonly step: string,
    override readonly cause: unknown,
  ) {
    super(`${step}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = cause instanceof Error ? cause.name : "Error";
  }
}

/** Runs one step; a check's violation keeps its expected/actual, anything else names the step. */
export async function step<T>(what: string, f: () => Promise<T> | T): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (isRuleViolation(e)) {
      const v = new RuleViolation(`${what}: ${e.message}`, e.expected, e.actual);
      throw v;
    }
    throw new CompatStepError(what, e);
  }
}

/** Byte-exact restore: the sha256 of the restored target equals the one taken at backup time. */
export function expectRestoredBytes(point: { sha256: string; sizeBytes: number }, target: SparseDevice): void {
  const got = target.sha256();
  if (got !== point.sha256 || target.sizeBytes !== point.sizeBytes)
    throw new RuleViolation(
      "restored bytes differ from the backed-up volume",
      `sha256 ${point.sha256} (${point.sizeBytes} B)`,
      `sha256 ${got} (${target.sizeBytes} B)`,
    );
}

/** Deleting every backup of the case (children first) left nothing in the real store. */
export function expectNoObjects(left: StoreInspection): void {
  if (left.objects.length)
    throw new RuleViolation("objects left in the store after deleting every backup", "no object", describeObjects(left.objects));
}

/** The volume metadata blob put on the restored volume, compared as parsed JSON. */
export function expectVolumeMeta(expected: string, got: string | null): void {
  const norm = (s: string) => JSON.stringify(JSON.parse(s));
  if (got === null) throw new RuleViolation("the restore put no volume metadata on the target", norm(expected), "nothing");
  if (norm(expected) !== norm(got)) throw new RuleViolation("volume metadata on the restored volume", norm(expected), norm(got));
}

/** manager.py:import_record: fields a decoded record must carry (`required_import_options`). */
export const REQUIRED_IMPORT_OPTIONS = [
  "display_name",
  "display_description",
  "container",
  "size",
  "service_metadata",
  "object_count",
  "id",
];

/**
 * manager.py:import_record's checks on a decoded record: the required fields are there and the
 * record's id is the backup's (otherwise cinder sets the backup to error: InvalidBackup).
 */
export function expectImportable(options: Record<string, unknown>, backupId: string): void {
  const missing = REQUIRED_IMPORT_OPTIONS.filter((k) => !(k in options));
  if (missing.length)
    throw new RuleViolation("record lacks fields import_record requires", "none missing", `missing ${missing.join(", ")}`);
  if (options["id"] !== backupId) throw new RuleViolation("record id", backupId, String(options["id"]));
}

/**
 * The writer really used `algorithm` (chunkeddriver.py:_prepare_output_data records it per
 * object, or `none` where compressing did not shrink the chunk): at least one object of the
 * case's backups says so, and no object names another algorithm. Returns `bz2: 5 of 6 objects`.
 */
export function expectCompressedWith(algorithm: string, store: StoreInspection): string {
  const objects = store.backups.flatMap((b) => b.metadata?.objects ?? []);
  const other = objects.filter((o) => o.compression !== algorithm && o.compression !== "none");
  const used = objects.filter((o) => o.compression === algorithm).length;
  if (!objects.length || other.length || used === 0)
    throw new RuleViolation(
      `objects written with backup_compression_algorithm=${algorithm}`,
      `${algorithm} on at least one object, no other algorithm`,
      objects.length ? [...new Set(objects.map((o) => o.compression))].join(", ") : "no _metadata found",
    );
  return `${algorithm}: ${used} of ${objects.length} objects`;
}
