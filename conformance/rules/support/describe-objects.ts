const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** The backup an object belongs to: cinder's `…_backup_<id>` prefix, else the first uuid in `container/name`. */
export function backupIdOf(name: string): string | null {
  return new RegExp(`backup_(${UUID})`).exec(name)?.[1] ?? new RegExp(UUID).exec(name)?.[0] ?? null;
}

/**
 * Leftover objects for the report, by their full `container/name`, grouped by the backup they
 * belong to: `3 objects: backup 3c1e…-000f: c/volume_…-00001, c/volume_…_sha256file; …`.
 */
export function describeObjects(names: readonly string[], max = 8): string {
  if (names.length === 0) return "no object";
  const groups = new Map<string, string[]>();
  for (const n of names.slice(0, max)) {
    const id = backupIdOf(n) ?? "no backup id";
    groups.set(id, [...(groups.get(id) ?? []), n]);
  }
  const shown = [...groups].map(([id, ns]) => `${id === "no backup id" ? id : `backup ${id}`}: ${ns.join(", ")}`);
  return `${names.length} object${names.length > 1 ? "s" : ""}: ${shown.join("; ")}${names.length > max ? `; … ${names.length - max} more` : ""}`;
}
