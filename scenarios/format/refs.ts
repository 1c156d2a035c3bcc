/** Scenario-local names of volumes, snapshots and backups (`v1`, `b-full`). */
export const REF = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
export const REF_HINT = "a name like v1 or b_full (letter, then letters, digits, _ or -; at most 32)";

/** `binary@host`, host possibly a `{ref.host}` template. */
export const SERVICE = /^(cinder-(?:backup|volume|scheduler|api))@([A-Za-z0-9_.@{}-]{1,64})$/;
export const SERVICE_HINT = "a service like cinder-backup@site2, cinder-volume@site2@lvm or cinder-backup@{b1.host}";

/** Status names a scenario may expect: cinder's, plus `deleted` (soft-deleted row), `missing` (no row), `unbound` (the step creating the ref failed). */
export const STATUSES = [
  "creating",
  "available",
  "deleting",
  "deleted",
  "restoring",
  "error",
  "error_deleting",
  "error_restoring",
  "in-use",
  "backing-up",
  "restoring-backup",
  "attaching",
  "detaching",
  "reserved",
  "missing",
  "unbound",
] as const;
