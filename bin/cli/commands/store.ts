import { existsSync } from "node:fs";
import { parseCliArgs } from "../cli-args.ts";
import {
  discoverBackups,
  extentOf,
  FileVolumeFile,
  indexBackups,
  resolveChain,
  restoreChain,
  restoreVerifying,
  verifyBackup,
  verifyStore,
  type Problem,
} from "../../../lib/format/index.ts";
import { redactStoreUrl, type ObjectStore, type OpenedStore } from "../../../lib/stores/index.ts";
import type { Command } from "../registry.ts";
import { emptyStoreNote, openReadOnlyStore } from "./store-open.ts";
import { writeThenRename } from "./store-partial-file.ts";
import { restoreTargetProblem } from "./store-restore-target.ts";
import { runRbdStore } from "./store-rbd.ts";
import { lsRows, renderTable } from "./store-table.ts";

const USAGE = `usage:
  cbh store ls      --store URL [--json]
  cbh store verify  --store URL [--backup ID] [--json]
  cbh store restore --store URL --backup ID --out FILE [--force]

URL: posix:DIR | swift+http(s)://… | s3+http(s)://… | gcs+http(s)://…?project=P | rbd:POOL
rbd:POOL (cinder's Ceph backup layout) reaches the cluster through --ceph-container NAME|ID
(docker exec; or CBH_CEPH_CONTAINER) or --ceph-conf PATH (host rbd/rados; or CBH_CEPH_CONF,
client name --ceph-user / CBH_CEPH_USER); it restores the base image at the restore point.
Credentials: --user/--key, user-info in the URL, or CBH_STORE_USER / CBH_STORE_KEY (never printed).
verify exits 0 only when it checked at least one backup and every one is valid (1 = problems found, or
an empty store: nothing verified; 2 = usage or store error).
restore applies the chain (full first) from the store alone; it refuses a backup that does not
verify, or an existing FILE, unless --force. Forced, unreadable or missing objects are skipped
(their ranges stay zero) and the restore finishes with exit 1. FILE appears only when the restore
completes (it is written as .FILE.cbh-partial-PID and renamed).
A store that does not exist (posix:DIR missing: an unmounted share) is an error (exit 2), never
created; an existing store with no backup is reported as EMPTY (verify: exit 1).
`;

const OPTIONS = {
  store: { type: "string" },
  backup: { type: "string" },
  out: { type: "string" },
  json: { type: "boolean", default: false },
  force: { type: "boolean", default: false },
  user: { type: "string" },
  key: { type: "string" },
  "ceph-container": { type: "string" },
  "ceph-conf": { type: "string" },
  "ceph-user": { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** `cbh store`: list, verify and restore chunked backups straight from a store. */
export const store: Command = {
  summary: "list, verify and restore cinder backups from a store (posix dir, swift, s3, gcs; Ceph rbd pool)",
  async run(argv: string[]): Promise<number> {
    const [sub, ...rest] = argv;
    let values;
    try {
      ({ values } = parseCliArgs("store", { args: rest, options: OPTIONS, allowPositionals: false, strict: true }));
    } catch (e) {
      process.stderr.write(`cbh store: ${(e as Error).message}\n`);
      return 2;
    }
    if (!sub || sub === "help" || sub === "--help" || sub === "-h" || values.help) {
      process.stdout.write(USAGE);
      return sub ? 0 : 2; // `cbh store` alone is a usage error; asking for help is not
    }
    if (!["ls", "verify", "restore"].includes(sub)) {
      process.stderr.write(`cbh store: unknown sub-command '${sub}'\n\n${USAGE}`);
      return 2;
    }
    if (!values.store) {
      process.stderr.write(`cbh store ${sub}: --store URL is required\n\n${USAGE}`);
      return 2;
    }
    if (sub === "restore" && (!values.backup || !values.out)) {
      process.stderr.write(`cbh store restore: --backup ID and --out FILE are required\n\n${USAGE}`);
      return 2;
    }
    const badTarget = sub === "restore" ? restoreTargetProblem(values.out as string) : null;
    if (badTarget) {
      process.stderr.write(`cbh store restore: ${badTarget}\n`);
      return 2;
    }
    let opened: OpenedStore;
    try {
      opened = await openReadOnlyStore(values.store, {
        user: values.user,
        key: values.key,
        ceph: { container: values["ceph-container"], conf: values["ceph-conf"], user: values["ceph-user"] },
      });
    } catch (e) {
      const err = e as Error & { code?: string };
      process.stderr.write(`cbh store ${sub}: ${err.code ? `[${err.code}] ` : ""}${err.message}\n`);
      return 2;
    }
    if (opened.kind === "rbd") {
      try {
        return await runRbdStore(opened, {
          sub,
          backup: values.backup,
          out: values.out,
          json: values.json,
          force: values.force,
        } as Parameters<typeof runRbdStore>[1]);
      } catch (e) {
        process.stderr.write(`cbh store ${sub}: ${(e as Error).message}\n`);
        return 2;
      }
    }
    const s = opened.store;
    if (sub === "ls") return ls(s, values.json, redactStoreUrl(values.store));
    if (sub === "verify") return verify(s, values.backup, values.json, redactStoreUrl(values.store));
    return restore(s, values.backup as string, values.out as string, values.force);
  },
};

type Store = ObjectStore;

async function ls(s: Store, json: boolean, shownUrl: string): Promise<number> {
  const rows = lsRows(await discoverBackups(s));
  if (rows.length === 0 && !json) {
    process.stdout.write(`empty: ${await emptyStoreNote(s, shownUrl)}\n`);
    return 0;
  }
  if (json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(
    renderTable(
      ["ID", "VOLUME", "PARENT", "SIZE", "CREATED", "OBJECTS"],
      rows.map((r) => [
        r.id,
        r.volume_id ?? "-",
        r.parent_id ?? "-",
        r.size_bytes === null ? "?" : String(r.size_bytes),
        r.created_at ?? "-",
        r.error ? `unreadable: ${r.error}` : String(r.object_count),
      ]),
    ),
  );
  return 0;
}

const problemJson = (p: Problem) => ({
  code: p.code,
  backup_id: p.backupId,
  container: p.container,
  object: p.object ?? null,
  detail: p.detail,
});

async function verify(s: Store, backupId: string | undefined, json: boolean, shownUrl: string): Promise<number> {
  const report = backupId ? await verifyBackup(s, backupId) : await verifyStore(s);
  const empty = !backupId && report.backups.length === 0 && report.problems.length === 0;
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ store: shownUrl, valid: report.valid && !empty, empty, backups: report.backups.map((b) => b.backupId), problems: report.problems.map(problemJson) }, null, 2)}\n`,
    );
  } else {
    for (const p of report.problems) process.stdout.write(`${p.code}\t${p.backupId ?? "-"}\t${p.object ?? ""}\t${p.detail}\n`);
    if (empty) process.stdout.write(`EMPTY: ${await emptyStoreNote(s, shownUrl)}; nothing verified\n`);
    else
      process.stdout.write(
        `${report.valid ? "valid" : "INVALID"}: ${report.backups.length} backup(s) checked, ${report.problems.length} problem(s)\n`,
      );
  }
  // An empty store verifies nothing: exit 1, as the mount point of an unmounted share looks like this.
  return report.valid && !empty ? 0 : 1;
}

async function restore(s: Store, backupId: string, out: string, force: boolean): Promise<number> {
  const backups = await discoverBackups(s);
  const index = indexBackups(backups);
  const b = index.get(backupId);
  if (!b || !b.metadata) {
    process.stderr.write(
      `cbh store restore: backup ${backupId} ${b ? `has unreadable metadata (${b.error?.message})` : "is not in the store"}\n`,
    );
    return 1;
  }
  // Unforced, the object data is verified while it is written (restoreVerifying): checks that read no data first.
  const report = await verifyBackup(s, backupId, { metadataOnly: !force });
  if (!report.valid) {
    for (const p of report.problems) process.stderr.write(`${p.code}\t${p.backupId ?? "-"}\t${p.object ?? ""}\t${p.detail}\n`);
    if (!force) {
      process.stderr.write(`cbh store restore: backup ${backupId} does not verify; use --force to restore it anyway\n`);
      return 1;
    }
  }
  const chain = resolveChain(index, b);
  if (chain.broken) {
    process.stderr.write(`cbh store restore: ${chain.broken}\n`);
    return 1;
  }
  if (existsSync(out) && !force) {
    process.stderr.write(`cbh store restore: ${out} exists; use --force to overwrite it\n`);
    return 1;
  }
  const size = extentOf(chain.links.at(-1)?.metadata as NonNullable<typeof b.metadata>);
  let skipped = 0;
  let damaged: Problem[] = [];
  try {
    await writeThenRename(out, async (tmp) => {
      // Streamed pieces (large uncompressed objects) go to the disk with O_DIRECT, past the page cache.
      const vol = await FileVolumeFile.createFresh(tmp, size, false, { directWrites: true });
      try {
        if (force) {
          await restoreChain(
            s,
            chain.links.map((l) => ({ location: l.location, metadata: l.metadata ?? undefined })),
            vol,
            {
              // --force: an unreadable or missing object leaves its range as it was (zeros in a fresh file) instead of aborting
              onUnreadable: (id, entry, e) => {
                skipped++;
                process.stderr.write(`skipped ${entry.name} of ${id} [${entry.offset}, ${entry.offset + entry.length}): ${e.message}\n`);
              },
            },
          );
        } else {
          // unforced, the data is verified as it is written; a damaged backup leaves no file behind
          damaged = (await restoreVerifying(s, backupId, vol)).problems;
        }
        await vol.flush();
      } finally {
        await vol.close();
      }
      if (damaged.length > 0) throw new DamagedBackup();
    });
  } catch (e) {
    if (!(e instanceof DamagedBackup)) throw e;
    for (const p of damaged) process.stderr.write(`${p.code}\t${p.backupId ?? "-"}\t${p.object ?? ""}\t${p.detail}\n`);
    process.stderr.write(`cbh store restore: backup ${backupId} does not verify; use --force to restore it anyway\n`);
    return 1;
  }
  process.stdout.write(
    `restored ${backupId} (${chain.links.length} backup(s) in the chain, ${size} bytes) to ${out}${skipped ? `, ${skipped} unreadable object(s) skipped` : ""}\n`,
  );
  return skipped ? 1 : 0;
}

/** Thrown inside a restore whose data did not verify, so the partial file is removed. */
class DamagedBackup extends Error {}
