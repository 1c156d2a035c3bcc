import { CinderError } from "../../sim/errors/cinder-errors.ts";
import type { Step, StepAction } from "../format/index.ts";
import { statusChecker } from "../checks/status-expectations.ts";
import type { Nemesis } from "./nemesis.ts";
import type { RunContext } from "./run-context.ts";

const SETTLE_EVENTS = 2_000_000;

/** Issues the workload step by step (gaps and parallel orders drawn from the seed). */
export async function runWorkload(ctx: RunContext, nemesis: Nemesis | null, steps: readonly Step[] = ctx.scenario.workload): Promise<void> {
  for (const step of steps) {
    if (step.action.kind === "parallel") {
      const order = shuffle(ctx, step.action.steps);
      for (const s of order) await issue(ctx, s);
    } else {
      await issue(ctx, step);
    }
    nemesis?.stepIssued(step.index);
  }
}

function shuffle(ctx: RunContext, steps: readonly Step[]): Step[] {
  const a = [...steps];
  for (let i = a.length - 1; i > 0; i--) {
    const j = ctx.schedule.int(0, i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

async function issue(ctx: RunContext, step: Step): Promise<void> {
  const gap = ctx.draw(step.gap ?? ctx.scenario.gap);
  if (gap > 0) await ctx.cloud.advance(gap);
  ctx.note("api", `step ${step.index} (line ${step.where.line}): ${summary(step.action)}`);
  try {
    await act(ctx, step);
    if (step.expectError !== null)
      ctx.find(
        "expectation-failed",
        `step ${step.index} (line ${step.where.line}) should have failed with HTTP ${step.expectError} but succeeded`,
        { where: step.where },
      );
  } catch (e) {
    const http = httpCodeOf(e);
    if (http === null) throw e;
    const message = (e as Error).message;
    ctx.note("error", `step ${step.index} answered HTTP ${http}: ${message}`);
    if (step.expectError === http || step.allowErrors.includes(http)) return;
    ctx.find(
      "unexpected-status",
      `step ${step.index} (line ${step.where.line}, ${summary(step.action)}) answered HTTP ${http}: ${message}`,
      { where: step.where },
    );
  }
}

/**
 * What the user sees: a CinderError's status, or 500 for a MessagingTimeout escaping the API
 * (e.g. the `check_support_to_force_delete` call to a dead backup host); anything else is a
 * runner bug and propagates.
 */
function httpCodeOf(e: unknown): number | null {
  if (e instanceof CinderError) return e.httpCode;
  if ((e as { code?: unknown } | null)?.code === "messaging-timeout") return 500;
  return null;
}

/**
 * Runs virtual time until `pred` holds or `timeoutMs` passed. Deliberately not `untilIdle`: the
 * scheduler's busy count can be one short after a MessagingTimeout (a fired timer is cancelled
 * again), which would stop an idle-based wait one event early.
 */
export async function runUntil(ctx: RunContext, pred: () => boolean, timeoutMs = 600_000): Promise<boolean> {
  await ctx.cloud.runUntil(pred, { untilIdle: false, forMs: timeoutMs, maxEvents: SETTLE_EVENTS });
  return pred();
}

function bound(ctx: RunContext, ref: string): string {
  const id = ctx.id(ref);
  if (!id) throw new CinderError("ChaosUnbound", 499, `'${ref}' was not created (an earlier step failed)`);
  return id;
}

async function act(ctx: RunContext, step: Step): Promise<void> {
  const { cloud } = ctx;
  const a = step.action;
  const user = cloud.context(step.user);
  const admin = cloud.context("admin");
  switch (a.kind) {
    case "volume": {
      const v = await cloud.ops.volumes.create(user, { size: a.size, name: a.as, availability_zone: a.az, volume_type: a.type });
      ctx.refs.set(a.as, { kind: "volume", id: v.id });
      await runUntil(ctx, () => ctx.statusOf(a.as) !== "creating");
      if (ctx.statusOf(a.as) !== "available") {
        ctx.find("unexpected-status", `volume ${a.as} ended ${ctx.statusOf(a.as)} instead of available`, {
          ref: a.as,
          subject: v.id,
          where: step.where,
        });
        return;
      }
      if (a.fill !== "zeros") cloud.devices.fillVolume(v.id, a.fill);
      return;
    }
    case "write": {
      const id = bound(ctx, a.volume);
      const size = cloud.devices.digest(id).size;
      const offset = Math.min(a.offset, size);
      cloud.devices.fill(id, a.fill, {
        offset,
        length: Math.min(a.length ?? size - offset, size - offset),
        stream: `chaos.write/${ctx.writes++}`,
      });
      for (const r of ctx.restores) if (r.volumeId === id) r.dirty = true;
      return;
    }
    case "snapshot": {
      const s = await cloud.ops.snapshots.create(user, { volume_id: bound(ctx, a.volume), force: a.force, name: a.as });
      ctx.refs.set(a.as, { kind: "snapshot", id: s.id });
      await runUntil(ctx, () => ctx.statusOf(a.as) !== "creating");
      return;
    }
    case "backup": {
      const volumeId = bound(ctx, a.volume);
      const snapshotId = a.snapshot ? bound(ctx, a.snapshot) : null;
      const b = await cloud.ops.backups.create(user, {
        volume_id: volumeId,
        snapshot_id: snapshotId,
        incremental: a.incremental,
        force: a.force,
        availability_zone: a.az,
        name: a.as,
      });
      ctx.refs.set(a.as, { kind: "backup", id: b.id });
      const src = cloud.devices.digest(snapshotId ?? volumeId);
      ctx.backups.set(a.as, { sourceDigest: src.digest, sourceBytes: src.size, everAvailable: false, deletedByUser: false });
      return;
    }
    case "restore": {
      const r = await cloud.ops.backups.restore(user, bound(ctx, a.backup), { volume_id: a.to ? bound(ctx, a.to) : null, name: a.as });
      if (a.as) ctx.refs.set(a.as, { kind: "volume", id: r.volume_id });
      ctx.restores.push({ backupRef: a.backup, volumeId: r.volume_id, dirty: false, where: step.where });
      return;
    }
    case "delete":
    case "cancel": {
      const force = a.kind === "cancel" || a.force;
      await cloud.ops.backups.delete(force ? admin : user, bound(ctx, a.backup), force);
      const facts = ctx.backups.get(a.backup);
      if (facts) facts.deletedByUser = true;
      return;
    }
    case "cancel_restore":
      return cloud.ops.backups.resetStatus(admin, bound(ctx, a.backup), "error");
    case "reset_status":
      return cloud.ops.backups.resetStatus(admin, bound(ctx, a.backup), a.status);
    case "reset_volume":
      return cloud.ops.volumes.resetStatus(admin, bound(ctx, a.volume), { status: a.status });
    case "export":
      ctx.exports.set(a.backup, await cloud.ops.backups.exportRecord(admin, bound(ctx, a.backup)));
      return;
    case "import": {
      const rec = ctx.exports.get(a.backup);
      if (!rec) throw new CinderError("ChaosNoExport", 499, `no exported record of '${a.backup}' (its export step failed or has not run)`);
      await cloud.ops.backups.importRecord(admin, rec.backup_service, rec.backup_url);
      return;
    }
    case "settle":
      await cloud.settle({ maxEvents: SETTLE_EVENTS });
      return;
    case "advance":
      await cloud.advance(ctx.draw(a.ms));
      return;
    case "wait": {
      const ok = await runUntil(ctx, () => a.status.includes(ctx.statusOf(a.ref)), a.timeoutMs);
      if (!ok && !a.optional)
        ctx.find(
          "expectation-failed",
          `wait (line ${step.where.line}): ${a.ref} did not reach ${a.status.join("|")} (it is ${ctx.statusOf(a.ref)})`,
          { ref: a.ref, ...subject(ctx, a.ref), where: step.where },
        );
      return;
    }
    case "expect":
      ctx.findings.push(...statusChecker(a.statuses, `step ${step.index}`).check(ctx));
      return;
    case "parallel":
      throw new Error("parallel groups are expanded by runWorkload");
  }
}

function subject(ctx: RunContext, ref: string): { subject?: string } {
  const id = ctx.id(ref);
  return id ? { subject: id } : {};
}

export function summary(a: StepAction): string {
  switch (a.kind) {
    case "volume":
      return `create volume ${a.as} (${a.size} GB${a.az ? ` in ${a.az}` : ""})`;
    case "write":
      return `write ${a.fill} data to ${a.volume}`;
    case "snapshot":
      return `snapshot ${a.as} of ${a.volume}`;
    case "backup":
      return `${a.incremental ? "incremental" : "full"} backup ${a.as} of ${a.snapshot ? `snapshot ${a.snapshot}` : a.volume}${a.az ? ` to ${a.az}` : ""}`;
    case "restore":
      return `restore ${a.backup} to ${a.to ?? `a new volume ${a.as}`}`;
    case "delete":
      return `${a.force ? "force-" : ""}delete ${a.backup}`;
    case "cancel":
      return `cancel ${a.backup} (force delete)`;
    case "cancel_restore":
      return `cancel the restore of ${a.backup} (reset status to error)`;
    case "reset_status":
      return `reset ${a.backup} to ${a.status}`;
    case "reset_volume":
      return `reset volume ${a.volume} to ${a.status}`;
    case "export":
      return `export the record of ${a.backup}`;
    case "import":
      return `import the record of ${a.backup}`;
    case "settle":
      return "settle";
    case "advance":
      return "advance virtual time";
    case "wait":
      return `wait for ${a.ref} to be ${a.status.join("|")}`;
    case "expect":
      return `expect ${Object.keys(a.statuses).join(", ")}`;
    case "parallel":
      return `${a.steps.length} steps in a seeded order`;
  }
}
