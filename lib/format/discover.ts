import type { ObjectStore } from "../stores/contract/index.ts";
import { FormatError } from "./format-error.ts";
import { DEFAULT_LIMITS, type FormatLimits } from "./limits.ts";
import type { BackupMetadata } from "./metadata.ts";
import { METADATA_SUFFIX } from "./names.ts";
import { readMetadata, type BackupLocation } from "./reader.ts";

/** A backup found in a store by its `<prefix>_metadata` object. */
export interface DiscoveredBackup {
  location: BackupLocation;
  /** From the metadata, else from the prefix (`..._backup_<id>`), else the prefix itself. */
  backupId: string;
  metadata: BackupMetadata | null;
  /** Why the metadata could not be used (missing, too large, unparseable, unsupported version). */
  error: FormatError | null;
}

/** `..._backup_<id>` at the end of both cinder prefix layouts. */
export function backupIdFromPrefix(prefix: string): string | null {
  const m = /_backup_([^/]+)$/.exec(prefix);
  return m ? (m[1] as string) : null;
}

const CINDER_PREFIX = /(?:^|\/)(volume_[^/]+\/\d{14}\/az_[^/]*_backup_[^/]+|volume_[^/]+_\d{14}_backup_[^/]+)$/;

/**
 * Where a listed `…_metadata` really lives. Stores that list nested directories as object names
 * (posix: container `ab`, name `cd/<id>/volume_…_metadata`) are mapped back to cinder's container
 * (`ab/cd/<id>`) and prefix by recognising the cinder prefix at the end of the path.
 */
export function splitLocation(container: string, path: string): BackupLocation {
  const m = CINDER_PREFIX.exec(path);
  if (!m || m.index === 0) return { container, prefix: path };
  const prefix = m[1] as string;
  const extra = path.slice(0, path.length - prefix.length - 1);
  return { container: `${container}/${extra}`, prefix };
}

/** Scans every container for `*_metadata` objects and reads each (size-bounded). Sorted by container, prefix. */
export async function discoverBackups(store: ObjectStore, limits: FormatLimits = DEFAULT_LIMITS): Promise<DiscoveredBackup[]> {
  const found: DiscoveredBackup[] = [];
  for (const container of await store.listContainers()) {
    for (const name of await store.listObjects(container)) {
      if (!name.endsWith(METADATA_SUFFIX)) continue;
      const location = splitLocation(container, name.slice(0, -METADATA_SUFFIX.length));
      if (location.prefix.length === 0) continue;
      try {
        const metadata = await readMetadata(store, location, limits);
        found.push({ location, backupId: metadata.backup_id, metadata, error: null });
      } catch (e) {
        const error = e instanceof FormatError ? e : new FormatError("bad-metadata", `cannot read ${name}: ${(e as Error).message}`);
        found.push({ location, backupId: backupIdFromPrefix(location.prefix) ?? location.prefix, metadata: null, error });
      }
    }
  }
  return found;
}

/** Image size of a backup's chain root: the end of its furthest object (a full backup covers the volume). */
export function extentOf(meta: BackupMetadata): number {
  let end = 0;
  for (const o of meta.objects) end = Math.max(end, o.offset + o.length);
  return end;
}

export interface ResolvedChain {
  /** Newest first: the requested backup, then its parent, … down to the full backup. */
  links: DiscoveredBackup[];
  /** Why the chain is broken (missing/unreadable ancestor, cycle, too deep, other volume), or null. */
  broken: string | null;
}

/** Follows `parent_id` through the discovered backups (the store alone, no database). */
export function resolveChain(
  index: ReadonlyMap<string, DiscoveredBackup>,
  start: DiscoveredBackup,
  limits: FormatLimits = DEFAULT_LIMITS,
): ResolvedChain {
  const links = [start];
  const seen = new Set([start.backupId]);
  let cur = start;
  while (cur.metadata?.parent_id) {
    const pid = cur.metadata.parent_id;
    if (seen.has(pid)) return { links, broken: `parent chain of ${start.backupId} is cyclic at ${pid}` };
    if (links.length >= limits.maxChainDepth)
      return { links, broken: `parent chain of ${start.backupId} is deeper than ${limits.maxChainDepth}` };
    const parent = index.get(pid);
    if (!parent) return { links, broken: `parent ${pid} of ${cur.backupId} is not in the store` };
    if (!parent.metadata) return { links, broken: `parent ${pid} of ${cur.backupId} has unreadable metadata` };
    if (parent.metadata.volume_id !== cur.metadata.volume_id)
      return { links, broken: `parent ${pid} of ${cur.backupId} belongs to volume ${parent.metadata.volume_id}` };
    seen.add(pid);
    links.push(parent);
    cur = parent;
  }
  if (!cur.metadata) return { links, broken: `metadata of ${cur.backupId} is unreadable` };
  return { links, broken: null };
}

/** Index by backup id (first occurrence wins; duplicates are reported by verify). */
export function indexBackups(list: readonly DiscoveredBackup[]): Map<string, DiscoveredBackup> {
  const m = new Map<string, DiscoveredBackup>();
  for (const b of list) if (!m.has(b.backupId)) m.set(b.backupId, b);
  return m;
}
