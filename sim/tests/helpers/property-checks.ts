import type { AsyncChecker, Finding } from "../../check/index.ts";
import type { SimulatedCloud } from "../../cloud/index.ts";
import { actingIn } from "./op-runner.ts";
import { backupMetadata } from "./cloud.ts";

/** The source volume type id recorded in a backup's volume metadata blob. */
async function sourceTypeOf(cloud: SimulatedCloud, backupId: string): Promise<string | null> {
  const meta = await backupMetadata(cloud, backupId);
  const blob = JSON.parse(meta.volume_meta ?? "{}") as { "volume-base-metadata"?: { volume_type_id?: string | null } };
  return blob["volume-base-metadata"]?.volume_type_id ?? null;
}

/**
 * Restores every live `available` backup into a new volume (an encrypted one into a volume of the
 * source's type, spec §3.2) and reports what did not come back byte-exact. Codes (subject: the
 * backup id): `never-accepted` (available but the API never accepted it), `restore-failed` (the
 * restore did not end `available`), `restore-not-byte-exact`.
 */
export function restoreChecker(captured: ReadonlyMap<string, string>): AsyncChecker<SimulatedCloud> {
  return { name: "byte-exact-restores", check: (cloud) => restoreMismatches(cloud, captured) };
}

/** `restoreChecker(captured).check(cloud)`: empty means all good. */
export async function restoreMismatches(cloud: SimulatedCloud, captured: ReadonlyMap<string, string>): Promise<Finding[]> {
  const problems: Finding[] = [];
  for (const b of cloud.db.backups().filter((x) => !x.deleted && x.status === "available")) {
    const want = captured.get(b.id);
    if (!want) {
      problems.push({ code: "never-accepted", subject: b.id, message: `available backup ${b.id} was never accepted by the API` });
      continue;
    }
    const ctx = actingIn(cloud, b.project_id);
    let target: string | null = null;
    if (b.encryption_key_id) {
      target = (await cloud.ops.volumes.create(ctx, { size: b.size, volume_type: await sourceTypeOf(cloud, b.id) })).id;
      await cloud.settle();
    }
    const r = await cloud.ops.backups.restore(ctx, b.id, { volume_id: target });
    await cloud.settle();
    const status = cloud.db.volume(r.volume_id)?.status;
    if (status !== "available") problems.push({ code: "restore-failed", subject: b.id, message: `restore of ${b.id} ended ${status}` });
    else if (cloud.devices.sha256(r.volume_id).sha256 !== want)
      problems.push({ code: "restore-not-byte-exact", subject: b.id, message: `restore of ${b.id} is not byte-exact` });
  }
  return problems;
}
