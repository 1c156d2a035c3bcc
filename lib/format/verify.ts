import type { ObjectStore } from "../stores/contract/index.ts";
import { FormatError } from "./format-error.ts";
import { DEFAULT_LIMITS, type FormatLimits } from "./limits.ts";
import type { BackupMetadata } from "./metadata.ts";
import { isDataObjectOf, metadataObjectName, sha256ObjectName, METADATA_SUFFIX, SHA256_SUFFIX } from "./names.ts";
import { readSha256File } from "./reader.ts";
import { backupIdFromPrefix, discoverBackups, indexBackups, resolveChain, splitLocation, type DiscoveredBackup } from "./discover.ts";
import { checkChainImage, type ImageCheckOptions } from "./verify-image.ts";
import { ProblemSet, type Problem } from "./verify-problems.ts";

export interface VerifyReport {
  backups: DiscoveredBackup[];
  problems: Problem[];
  valid: boolean;
}

export interface VerifyOptions extends ImageCheckOptions {
  limits?: FormatLimits;
  /** Only the checks that read no object data (metadata, object lists, `_sha256file`, chain). */
  metadataOnly?: boolean;
}

/** Checks every backup found in the store, plus objects no backup accounts for. */
export async function verifyStore(store: ObjectStore, options: VerifyOptions = {}): Promise<VerifyReport> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const backups = await discoverBackups(store, limits);
  const index = indexBackups(backups);
  const problems = new ProblemSet();
  for (const b of backups) await verifyOne(store, index, b, limits, problems, options);
  await findOrphans(store, backups, problems);
  return { backups, problems: problems.list, valid: problems.size === 0 };
}

/** Checks one backup (by id) and its chain; problems of damaged ancestors are reported under their ids. */
export async function verifyBackup(store: ObjectStore, backupId: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const backups = await discoverBackups(store, limits);
  const index = indexBackups(backups);
  const problems = new ProblemSet();
  const b = index.get(backupId);
  if (!b) {
    problems.add({ code: "broken-chain", backupId, container: "", detail: `no _metadata for backup ${backupId} in the store` });
  } else {
    await verifyOne(store, index, b, limits, problems, options);
  }
  return { backups: b ? [b] : [], problems: problems.list, valid: problems.size === 0 };
}

async function verifyOne(
  store: ObjectStore,
  index: ReadonlyMap<string, DiscoveredBackup>,
  b: DiscoveredBackup,
  limits: FormatLimits,
  problems: ProblemSet,
  options: VerifyOptions,
): Promise<void> {
  const at = { backupId: b.backupId, container: b.location.container };
  if (!b.metadata) {
    problems.add({ ...at, code: "bad-metadata", object: metadataObjectName(b.location.prefix), detail: b.error?.message ?? "unreadable" });
    return;
  }
  if (index.get(b.backupId) !== b) {
    problems.add({
      ...at,
      code: "bad-metadata",
      object: metadataObjectName(b.location.prefix),
      detail: `backup id ${b.backupId} appears under more than one prefix`,
    });
  }
  const meta = b.metadata;
  await checkObjectSet(store, b, meta, problems);
  let sha;
  try {
    sha = await readSha256File(store, b.location, limits);
  } catch (e) {
    const detail = e instanceof FormatError ? e.message : `cannot read: ${(e as Error).message}`;
    problems.add({ ...at, code: "bad-metadata", object: sha256ObjectName(b.location.prefix), detail });
    return;
  }
  if (sha.backup_id !== meta.backup_id || sha.volume_id !== meta.volume_id) {
    problems.add({
      ...at,
      code: "bad-metadata",
      object: sha256ObjectName(b.location.prefix),
      detail: "_sha256file belongs to another backup or volume",
    });
  }
  const chain = resolveChain(index, b, limits);
  if (chain.broken) {
    problems.add({ ...at, code: "broken-chain", detail: chain.broken });
    return;
  }
  if (!options.metadataOnly) await checkChainImage(store, chain.links, sha, limits, problems, options);
}

/** Listed names under the prefix vs `objects` (the `_restore_v1` check), as missing/orphan problems. */
async function checkObjectSet(store: ObjectStore, b: DiscoveredBackup, meta: BackupMetadata, problems: ProblemSet): Promise<void> {
  const { container, prefix } = b.location;
  const listed = new Set(await store.listObjects(container, prefix));
  const wanted = new Set(meta.objects.map((o) => o.name));
  for (const name of wanted) {
    if (!listed.has(name))
      problems.add({
        code: "missing-object",
        backupId: b.backupId,
        container,
        object: name,
        detail: "listed in _metadata, absent from the store",
      });
  }
  for (const name of listed) {
    if (wanted.has(name) || name === metadataObjectName(prefix) || name === sha256ObjectName(prefix)) continue;
    if (isDataObjectOf(prefix, name))
      problems.add({
        code: "orphan-object",
        backupId: b.backupId,
        container,
        object: name,
        detail: "under the backup's prefix but not in its _metadata",
      });
  }
}

/** Objects of prefixes that have no `_metadata` (e.g. a cancelled backup's leftovers). */
async function findOrphans(store: ObjectStore, backups: readonly DiscoveredBackup[], problems: ProblemSet): Promise<void> {
  const known = new Map<string, Set<string>>();
  for (const b of backups) {
    let s = known.get(b.location.container);
    if (!s) known.set(b.location.container, (s = new Set()));
    s.add(b.location.prefix);
  }
  for (const container of await store.listContainers()) {
    for (const name of await store.listObjects(container)) {
      const path = prefixOf(name);
      const loc = path === null ? null : splitLocation(container, path);
      if (loc && known.get(loc.container)?.has(loc.prefix)) continue;
      const object = loc ? name.slice(loc.container.length - container.length) : name;
      problems.add({
        code: "orphan-object",
        backupId: loc ? backupIdFromPrefix(loc.prefix) : null,
        container: loc?.container ?? container,
        object,
        detail: "no _metadata accounts for this object",
      });
    }
  }
}

/** The cinder prefix an object name belongs to, or null. */
function prefixOf(name: string): string | null {
  if (name.endsWith(METADATA_SUFFIX)) return name.slice(0, -METADATA_SUFFIX.length);
  if (name.endsWith(SHA256_SUFFIX)) return name.slice(0, -SHA256_SUFFIX.length);
  const m = /^(.*)-\d{5,}$/.exec(name);
  return m ? (m[1] as string) : null;
}
