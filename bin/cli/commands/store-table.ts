import { extentOf, indexBackups, resolveChain, type DiscoveredBackup } from "../../../lib/format/index.ts";

/** One row of `cbh store ls`. */
export interface StoreLsRow {
  id: string;
  volume_id: string | null;
  parent_id: string | null;
  /** Bytes of the volume image (the chain's full backup covers it); null when the chain is broken. */
  size_bytes: number | null;
  created_at: string | null;
  object_count: number | null;
  container: string;
  prefix: string;
  error: string | null;
}

export function lsRows(backups: readonly DiscoveredBackup[]): StoreLsRow[] {
  const index = indexBackups(backups);
  return backups.map((b) => {
    const m = b.metadata;
    let size: number | null = null;
    if (m) {
      const chain = resolveChain(index, b);
      const root = chain.links.at(-1)?.metadata;
      if (!chain.broken && root) size = extentOf(root);
    }
    return {
      id: b.backupId,
      volume_id: m?.volume_id ?? null,
      parent_id: m?.parent_id ?? null,
      size_bytes: size,
      created_at: m?.created_at ?? null,
      object_count: m ? m.objects.length : null,
      container: b.location.container,
      prefix: b.location.prefix,
      error: b.error ? `[${b.error.code}] ${b.error.message}` : null,
    };
  });
}

/** Fixed-width text table (no colours, stable for diffs). */
export function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n";
}
