/**
 * Object names of the chunked drivers. posix/nfs: `drivers/posix.py:_generate_object_name_prefix`;
 * swift/s3/gcs: `drivers/swift.py:_generate_object_name_prefix`; data, `_metadata` and `_sha256file`
 * names: `chunkeddriver.py:_backup_chunk`, `_metadata_filename`, `_sha256_filename`.
 */
export type ChunkedLayout = "posix" | "object";

export interface PrefixFields {
  layout: ChunkedLayout;
  volumeId: string;
  backupId: string;
  /** `utcnow()` at prepare time, virtual ms. */
  timestampMs: number;
  /** `storage_availability_zone` (object layout only). */
  availabilityZone: string;
}

export function backupPrefix(f: PrefixFields): string {
  const ts = strftimeCompact(f.timestampMs);
  return f.layout === "posix"
    ? `volume_${f.volumeId}_${ts}_backup_${f.backupId}`
    : `volume_${f.volumeId}/${ts}/az_${f.availabilityZone}_backup_${f.backupId}`;
}

/** `drivers/posix.py:update_container_name`: `<id[0:2]>/<id[2:4]>/<id>`. */
export function posixContainer(backupId: string): string {
  return `${backupId.slice(0, 2)}/${backupId.slice(2, 4)}/${backupId}`;
}

/** `'%s-%05d' % (prefix, object_id)`, ids from 1; more digits past 99999. */
export function dataObjectName(prefix: string, objectId: number): string {
  return `${prefix}-${String(objectId).padStart(5, "0")}`;
}

export const metadataObjectName = (prefix: string): string => `${prefix}_metadata`;
export const sha256ObjectName = (prefix: string): string => `${prefix}_sha256file`;

/** `utcnow().strftime("%Y%m%d%H%M%S")`: the timestamp in chunked object-name prefixes. */
export function strftimeCompact(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.slice(0, 19).replace(/[-:T]/g, "");
}

export const METADATA_SUFFIX = "_metadata";
export const SHA256_SUFFIX = "_sha256file";

/** True for `<prefix>-NNNNN` (at least 5 digits): the only data-object names cinder writes. */
export function isDataObjectOf(prefix: string, name: string): boolean {
  if (!name.startsWith(`${prefix}-`)) return false;
  return /^\d{5,}$/.test(name.slice(prefix.length + 1));
}
