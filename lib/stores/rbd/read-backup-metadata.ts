import type { CephCli } from "./ceph-cli.ts";
import { backupMetadataObject, checkRbdName } from "../../format/index.ts";

/** The metadata object is a few KiB of JSON; anything past this is refused unread. */
export const METADATA_READ_LIMIT = 4 * 1024 * 1024;

export type MetadataRead =
  | { state: "missing" }
  | { state: "too-large" }
  | { state: "unparsable"; detail: string }
  | { state: "ok"; json: Record<string, unknown>; version: unknown; volumeId: string | null };

/**
 * ceph.py:VolumeMetadataBackup.get, bounded: `rados get backup.<id>.meta -`, parsed as the JSON
 * object BackupMetadataAPI.get writes ({"version": 2, "volume-base-metadata": {"id": …}, …}).
 */
export async function readBackupMetadata(cli: CephCli, pool: string, backupId: string, limit = METADATA_READ_LIMIT): Promise<MetadataRead> {
  const proc = cli.spawn(["rados", "-p", checkRbdName("pool", pool), "get", checkRbdName("image", backupMetadataObject(backupId)), "-"]);
  proc.stdin.end();
  const chunks: Buffer[] = [];
  let bytes = 0;
  let tooLarge = false;
  proc.stdout.on("data", (c: Buffer) => {
    bytes += c.length;
    if (bytes > limit) {
      tooLarge = true;
      proc.stdout.destroy();
    } else chunks.push(c);
  });
  try {
    await proc.done;
  } catch (error) {
    if (tooLarge) return { state: "too-large" };
    if ((error as { notFound?: boolean }).notFound) return { state: "missing" };
    throw error;
  }
  if (tooLarge) return { state: "too-large" };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch (e) {
    return { state: "unparsable", detail: (e as Error).message };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json) || !("version" in json)) {
    return { state: "unparsable", detail: "not a JSON object with a version (BackupMetadataAPI.get)" };
  }
  const obj = json as Record<string, unknown>;
  const baseMeta = obj["volume-base-metadata"];
  const id = typeof baseMeta === "object" && baseMeta !== null ? (baseMeta as Record<string, unknown>)["id"] : undefined;
  return { state: "ok", json: obj, version: obj["version"], volumeId: typeof id === "string" ? id : null };
}
