import { existsSync } from "node:fs";
import { snapTimestampIso, type RbdBackup } from "../../../lib/format/index.ts";
import { discoverRbdBackups, restoreRbdBackup, verifyRbdBackups, type OpenedStore } from "../../../lib/stores/index.ts";
import { renderTable } from "./store-table.ts";
import { writeThenRename } from "./store-partial-file.ts";

export interface RbdStoreArgs {
  sub: "ls" | "verify" | "restore";
  backup?: string;
  out?: string;
  json: boolean;
  force: boolean;
}

type RbdPool = Extract<OpenedStore, { kind: "rbd" }>;

/** One row of `cbh store ls --store rbd:POOL --json`. */
export interface RbdLsRow {
  id: string;
  volume_id: string;
  parent_id: string | null;
  size_bytes: number;
  created_at: string | null;
  kind: "diff" | "copy";
  base_image: string;
  snapshot: string | null;
  metadata: boolean;
}

const row = (b: RbdBackup, metadataIds: Set<string>): RbdLsRow => ({
  id: b.backupId,
  volume_id: b.volumeId,
  parent_id: b.parentId,
  size_bytes: b.sizeBytes,
  created_at: snapTimestampIso(b.timestamp),
  kind: b.kind,
  base_image: b.baseImage,
  snapshot: b.snapshot,
  metadata: metadataIds.has(b.backupId),
});

/** `cbh store ls|verify|restore --store rbd:POOL`: cinder's Ceph backup layout, from the pool alone. */
export async function runRbdStore({ pool, cli, rbd }: RbdPool, a: RbdStoreArgs): Promise<number> {
  const catalogue = await discoverRbdBackups(rbd, cli, pool);
  if (a.sub === "ls") {
    const rows = catalogue.backups.map((b) => row(b, catalogue.metadataIds));
    if (a.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    else {
      process.stdout.write(
        renderTable(
          ["ID", "VOLUME", "PARENT", "SIZE", "CREATED", "KIND", "IMAGE@SNAPSHOT"],
          rows.map((r) => [
            r.id,
            r.volume_id,
            r.parent_id ?? "-",
            String(r.size_bytes),
            r.created_at ?? "-",
            r.kind,
            r.snapshot ? `${r.base_image}@${r.snapshot}` : r.base_image,
          ]),
        ),
      );
      for (const image of catalogue.unattributedImages)
        process.stdout.write(`(${image}: a snapshot-source full copy; its backup id is not in the pool)\n`);
    }
    return 0;
  }
  const report = await verifyRbdBackups(cli, catalogue, a.backup);
  const problemLines = report.problems.map((p) => `${p.code}\t${p.backupId}\t${p.object ?? ""}\t${p.detail}\n`);
  if (a.sub === "verify") {
    const empty = !a.backup && report.backups.length === 0 && report.problems.length === 0; // an existing pool with no backup: said plainly
    if (a.json) {
      process.stdout.write(
        `${JSON.stringify(
          {
            store: `rbd:${pool}`,
            valid: report.valid && !empty,
            empty,
            backups: report.backups,
            problems: report.problems.map((p) => ({ code: p.code, backup_id: p.backupId, object: p.object, detail: p.detail })),
          },
          null,
          2,
        )}\n`,
      );
    } else {
      for (const l of problemLines) process.stdout.write(l);
      if (empty) process.stdout.write(`EMPTY: rbd:${pool} exists but holds no backup image; nothing verified\n`);
      else
        process.stdout.write(
          `${report.valid ? "valid" : "INVALID"}: ${report.backups.length} backup(s) checked, ${report.problems.length} problem(s)\n`,
        );
    }
    return report.valid && !empty ? 0 : 1; // an empty pool verifies nothing (as `cbh store verify` on an empty directory)
  }
  const backup = catalogue.backups.find((b) => b.backupId === a.backup);
  for (const l of problemLines) process.stderr.write(l);
  if (!backup || (!backup.snapshot && backup.kind === "diff")) {
    process.stderr.write(`cbh store restore: backup ${a.backup} has no restore point in pool ${pool}\n`);
    return 1;
  }
  if (!report.valid && !a.force) {
    process.stderr.write(`cbh store restore: backup ${a.backup} does not verify; use --force to restore it anyway\n`);
    return 1;
  }
  const out = a.out as string;
  if (existsSync(out) && !a.force) {
    process.stderr.write(`cbh store restore: ${out} exists; use --force to overwrite it\n`);
    return 1;
  }
  const bytes = await writeThenRename(out, (tmp) => restoreRbdBackup(rbd, backup, tmp, false)); // no partial FILE on failure
  process.stdout.write(
    `restored ${backup.backupId} (${backup.snapshot ? `${backup.baseImage}@${backup.snapshot}` : backup.baseImage}, ${bytes} bytes) to ${out}\n`,
  );
  return 0;
}
