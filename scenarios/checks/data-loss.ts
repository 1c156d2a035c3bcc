import type { AsyncChecker } from "../../sim/check/index.ts";
import type { Finding } from "../runner/finding.ts";
import type { RunContext } from "../runner/run-context.ts";
import { runUntil } from "../runner/workload.ts";

/**
 * No data loss: every backup that reached `available` either still restores, byte for byte, to
 * what its source held when it was taken, or cinder says otherwise (an `error*` status or a
 * delete the user asked for). A restore that ended `available` holds those bytes too.
 * Runs after healing; the verifying restores use the admin project (quota raised). Code: `data-loss`.
 */
export const dataLossChecker: AsyncChecker<RunContext, Finding> = { name: "data-loss", check: checkDataLoss };

async function checkDataLoss(ctx: RunContext): Promise<Finding[]> {
  const out: Finding[] = [];
  const { cloud } = ctx;
  const admin = cloud.context("admin");
  for (const r of ctx.restores) {
    if (r.dirty || cloud.db.volume(r.volumeId)?.status !== "available") continue;
    const facts = ctx.backups.get(r.backupRef);
    if (!facts) continue;
    const got = prefixDigest(ctx, r.volumeId, facts.sourceBytes);
    if (got !== facts.sourceDigest)
      out.push(
        ctx.finding(
          "data-loss",
          `restore of ${r.backupRef} (line ${r.where.line}) ended available but the volume does not hold the backed-up bytes (content digest ${got.slice(0, 12)}… ≠ ${facts.sourceDigest.slice(0, 12)}…)`,
          { ref: r.backupRef, subject: r.volumeId, where: r.where },
        ),
      );
  }
  const candidates = [...ctx.backups].filter(([, f]) => f.everAvailable);
  if (!candidates.length) return out;
  await cloud.ops.quotas.update(admin, cloud.users.admin.projectId, { volumes: 1000, gigabytes: 100_000 });
  for (const [ref, facts] of candidates) {
    const id = ctx.id(ref)!;
    const status = ctx.statusOf(ref);
    if (status === "deleted" && facts.deletedByUser) continue;
    if (status.startsWith("error")) continue;
    if (status !== "available") {
      out.push(
        ctx.finding("data-loss", `${ref} reached available but is now ${status} and nothing in cinder reports it lost`, {
          ref,
          subject: id,
        }),
      );
      continue;
    }
    const sha = await verifyRestore(ctx, id, facts.sourceBytes);
    if (sha.ok && sha.sha256 === facts.sourceDigest) continue;
    out.push(
      ctx.finding(
        "data-loss",
        sha.ok
          ? `${ref} is available but restores to different bytes (content digest ${sha.sha256.slice(0, 12)}… ≠ ${facts.sourceDigest.slice(0, 12)}…)`
          : `${ref} is available but cannot be restored: ${sha.why}`,
        { ref, subject: id },
      ),
    );
  }
  return out;
}

async function verifyRestore(
  ctx: RunContext,
  backupId: string,
  sourceBytes: number,
): Promise<{ ok: true; sha256: string } | { ok: false; why: string }> {
  const { cloud } = ctx;
  const admin = cloud.context("admin");
  const backup = cloud.db.backup(backupId)!;
  const source = cloud.db.volume(backup.volume_id);
  const zone = source && !source.deleted ? source.availability_zone : null;
  try {
    const v = await cloud.ops.volumes.create(admin, { size: backup.size, name: `verify-${backupId.slice(0, 8)}`, availability_zone: zone });
    await runUntil(ctx, () => cloud.db.volume(v.id)?.status !== "creating");
    if (cloud.db.volume(v.id)?.status !== "available")
      return { ok: false, why: `verification volume ended ${cloud.db.volume(v.id)?.status}` };
    ctx.note("state", `verifying ${backupId} by restoring it to ${v.id}`, [backupId, v.id]);
    await cloud.ops.backups.restore(admin, backupId, { volume_id: v.id });
    await runUntil(ctx, () => !["restoring-backup"].includes(cloud.db.volume(v.id)?.status ?? ""));
    const st = cloud.db.volume(v.id)?.status;
    if (st !== "available") return { ok: false, why: `verification restore left the volume ${st}` };
    return { ok: true, sha256: prefixDigest(ctx, v.id, sourceBytes) };
  } catch (e) {
    return { ok: false, why: (e as Error).message };
  }
}

/** Content digest of the first `bytes` of a device (of the whole device when it is smaller: never equal then). */
function prefixDigest(ctx: RunContext, volumeId: string, bytes: number): string {
  return ctx.cloud.devices.digest(volumeId, bytes).digest;
}
