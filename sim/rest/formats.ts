import { FormatRaise, type FormatChecker } from "./json-schema.ts";
import { pyRepr } from "./py-repr.ts";

/**
 * cinder's custom format checkers (`api/validation/validators.py`). A checker registered without
 * `raises` lets its cinder exception escape the validator: `FormatRaise` carries that answer.
 */

/** Python truthiness of a JSON value (empty lists and dicts are false). */
export function pyTruthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object" && v !== null) return Object.keys(v).length > 0;
  return Boolean(v);
}

/** `oslo_utils.uuidutils.is_uuid_like`. */
export function isUuidLike(v: unknown): boolean {
  if (typeof v !== "string") return false;
  const h = v
    .replace(/urn:/g, "")
    .replace(/uuid:/g, "")
    .replace(/^[{}]+|[{}]+$/g, "")
    .replace(/-/g, "")
    .toLowerCase();
  return /^[0-9a-f]{32}$/.test(h);
}

/**
 * `_validate_base64_format` → `oslo_serialization.base64.decode_as_bytes`, which turns
 * binascii's padding error into a TypeError ("Transform this exception for consistency"); the
 * checker catches it and the format fails: a 400 ValidationError (`'x' is not a 'base64'`), as
 * the bundled Zed cloud answers (found by `cbh diff`, docs/fidelity.md).
 */
export function base64Padding(s: string): "ok" | "bad" {
  // CPython binascii.a2b_base64, non-strict: other characters are skipped, a pad only counts
  // from the third character of a quad, and a complete pad sequence ends the input.
  let quadPos = 0;
  let pads = 0;
  for (const ch of s) {
    if (ch === "=") {
      if (quadPos >= 2 && quadPos + ++pads >= 4) return "ok";
      continue;
    }
    if (!/[A-Za-z0-9+/]/.test(ch)) continue;
    pads = 0;
    quadPos = (quadPos + 1) % 4;
  }
  return quadPos === 0 ? "ok" : "bad";
}

/** `cinder/utils.py:check_string_length` → InvalidInput (400). */
function checkStringLength(value: string, name: string, min: number, max: number): void {
  const len = [...value].length;
  if (len < min) throw new FormatRaise(400, `Invalid input received: ${name} has ${len} characters, less than ${min}.`);
  if (len > max) throw new FormatRaise(400, `Invalid input received: ${name} has ${len} characters, more than ${max}.`);
}

/** `_validate_string_length(mandatory=False, remove_whitespaces=True)`. */
const optionalTrimmed =
  (name: string): FormatChecker =>
  (v) => {
    if (typeof v !== "string" || v === "") return true;
    checkStringLength(v.trim(), name, 0, 255);
    return true;
  };

const statusFormat =
  (label: string, valid: readonly string[], allowEmpty: boolean): FormatChecker =>
  (v) => {
    const s = typeof v === "string" ? v : "";
    if ((allowEmpty && !v) || valid.includes(s.toLowerCase())) return true;
    throw new FormatRaise(400, `${label}: ${typeof v === "string" ? v : pyRepr(v)} is invalid, valid statuses are: ${pyRepr(valid)}.`);
  };

/** `objects/fields.py`: VolumeStatus.ALL, SnapshotStatus.ALL, VolumeMigrationStatus.ALL. */
export const VOLUME_STATUS_ALL = [
  "creating",
  "available",
  "deleting",
  "error",
  "error_deleting",
  "error_managing",
  "managing",
  "attaching",
  "in-use",
  "detaching",
  "maintenance",
  "restoring-backup",
  "error_restoring",
  "reserved",
  "awaiting-transfer",
  "backing-up",
  "error_backing-up",
  "error_extending",
  "downloading",
  "uploading",
  "retyping",
  "extending",
] as const;
export const SNAPSHOT_STATUS_ALL = [
  "error",
  "available",
  "creating",
  "deleting",
  "deleted",
  "updating",
  "error_deleting",
  "unmanaging",
  "backing-up",
  "restoring",
] as const;
const MIGRATION_STATUS_ALL = ["migrating", "error", "success", "completing", "none", "starting"] as const;

export const FORMATS: Readonly<Record<string, FormatChecker>> = {
  uuid: isUuidLike,
  base64: (v) => {
    if (typeof v !== "string") return true;
    // A non-ASCII character fails `.decode('ascii')`: FaultWrapper's UnicodeDecodeError answer.
    if (/[^\x00-\x7f]/.test(v))
      throw new FormatRaise(
        400,
        "Error decoding your request. Either the URL or the request body contained characters that could not be decoded by Cinder.",
      );
    return base64Padding(v) === "ok";
  },
  name_non_mandatory_remove_white_spaces: optionalTrimmed("name"),
  description_non_mandatory_remove_white_spaces: optionalTrimmed("description"),
  backup_status: (v) => statusFormat("Backup status", ["available", "error"], false)(v),
  snapshot_status: statusFormat("Snapshot status", SNAPSHOT_STATUS_ALL, false),
  volume_status: statusFormat("Volume status", VOLUME_STATUS_ALL, true),
  volume_attach_status: statusFormat("Volume attach status", ["attached", "detached"], true),
  volume_migration_status: statusFormat("Volume migration status", MIGRATION_STATUS_ALL, true),
  validate_volume_reset_body: (v) => {
    const o = (v ?? {}) as Record<string, unknown>;
    if (!pyTruthy(o["status"]) && !pyTruthy(o["attach_status"]) && !pyTruthy(o["migration_status"])) {
      throw new FormatRaise(400, "Must specify 'status', 'attach_status' or 'migration_status' for update.");
    }
    return true;
  },
};
