import type { DriverCapabilities } from "../../sim/driver/backup-driver.ts";

/** A capability a case needs from both releases' drivers (their `describe`). */
export type CaseNeed = "incremental" | "exportImport" | { compression: string };

/** The volume a case backs up, in objects of the driver's geometry (`backup_file_size`). */
export interface VolumeShape {
  objects: number;
  /** Bytes past the last whole object (a short last chunk). */
  extraBytes: number;
  /** `sparse`: a few 64 KiB extents of data, holes (zeros) everywhere else. */
  fill: "random" | "text" | "sparse";
}

/**
 * One compatibility case: what the writing release backs up, and how the reading release gets
 * it back (the same database, or exported records imported into a new one).
 */
export interface CompatCase {
  id: string;
  title: string;
  /** The cinder functions the case exercises. */
  source: string;
  /** `backup_compression_algorithm` of the writing release. */
  compression: string;
  needs: readonly CaseNeed[];
  volume: VolumeShape;
  /** Incremental backups after the full one, each after a change; every point is restored. */
  incrementals: number;
  /** The volume carries a `BackupMetadataAPI` blob, which the restore must put back. */
  volumeMeta: boolean;
  /** `export_record` on the writer, database lost, `import_record` on the reader. */
  records: boolean;
}

const base = { compression: "zlib", incrementals: 0, volumeMeta: false, records: false } as const;
const random = { objects: 3, extraBytes: 5, fill: "random" } as const;

/**
 * Compression algorithms of `backup_compression_algorithm` (chunkeddriver.py:_get_compressor);
 * `zstd` needs the `zstd` module, which the shim's `describe` reports per image.
 */
export const COMPRESSIONS = ["none", "zlib", "bz2", "zstd"] as const;

export const COMPAT_CASES: readonly CompatCase[] = [
  {
    ...base,
    id: "full",
    title: "A full backup restores byte-exact and deletes clean",
    source: "chunkeddriver.py:backup, restore, _restore_v1, delete_backup",
    needs: [],
    volume: random,
  },
  {
    ...base,
    id: "incremental-chain",
    title: "Full + 2 incrementals (each after a change): every point restores byte-exact",
    source: "chunkeddriver.py:backup (parent sha256file), restore (backup_list walk, DRIVER_VERSION_MAPPING)",
    needs: ["incremental"],
    volume: random,
    incrementals: 2,
  },
  ...COMPRESSIONS.map((c): CompatCase => ({
    ...base,
    id: `compression-${c}`,
    title: `Written with backup_compression_algorithm=${c} (full + incremental): the other release decompresses it`,
    source: "chunkeddriver.py:_get_compressor, _backup_chunk, _restore_v1 (metadata 'compression')",
    compression: c,
    needs: [{ compression: c }, ...(c === "none" ? [] : ["incremental" as const])],
    volume: { objects: 3, extraBytes: 5, fill: "text" },
    incrementals: c === "none" ? 0 : 1,
  })),
  {
    ...base,
    id: "sparse",
    title: "A mostly-empty volume (holes between extents), full + incremental: restores byte-exact",
    source: "chunkeddriver.py:_backup_chunk, _restore_v1 (_write_volume skips zeros into new volumes since 2023.1)",
    needs: ["incremental"],
    volume: { objects: 12, extraBytes: 0, fill: "sparse" },
    incrementals: 1,
  },
  {
    ...base,
    id: "volume-metadata",
    title: "The volume metadata saved at backup time is put back on the restored volume",
    source: "driver.py:BackupMetadataAPI.get/put; chunkeddriver.py:_backup_metadata, restore put_metadata",
    needs: [],
    volume: random,
    volumeMeta: true,
  },
  {
    ...base,
    id: "export-import",
    title: "Records exported by one release import into the other's new database, then restore and delete",
    source: "manager.py:export_record, import_record; objects/backup.py:encode_record, decode_record; driver import_record",
    needs: ["exportImport", "incremental"],
    volume: random,
    incrementals: 1,
    records: true,
  },
];

/** The needs of `c` that a driver with `caps` lacks, as words for a report (`zstd compression`). */
export function missingNeeds(c: CompatCase, caps: DriverCapabilities): string[] {
  return c.needs.flatMap((n) => {
    if (typeof n === "object") return caps.compression.includes(n.compression) ? [] : [`${n.compression} compression`];
    return caps[n] ? [] : [n === "exportImport" ? "export/import" : "incremental backups"];
  });
}

/** Cases by id, in catalogue order; an unknown id is an error naming the known ones. */
export function selectCases(ids: readonly string[] | undefined): CompatCase[] {
  if (!ids?.length) return [...COMPAT_CASES];
  const unknown = ids.filter((id) => !COMPAT_CASES.some((c) => c.id === id));
  if (unknown.length)
    throw new Error(
      `unknown case${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}: cases are ${COMPAT_CASES.map((c) => c.id).join(", ")}`,
    );
  return COMPAT_CASES.filter((c) => ids.includes(c.id));
}
