import { CloudError, type CloudClient } from "../openstack/index.ts";
import { Resources, seededBytes } from "../remote/index.ts";
import { awaitedStatus } from "./cast-wait.ts";
import { settle, type Observed } from "./settle.ts";
import { stableUsage } from "./stable-usage.ts";
import { mutates, type ApiStep, type ResourceKind, type Sequence, type Step } from "./step.ts";
import type { DiffTarget } from "./target.ts";
import { pick, resolveText, resolveValue, type Bindings } from "./template.ts";

/** What one cloud answered to one step, before normalisation. */
export interface RawStep {
  index: number;
  /** HTTP status of an API step; `written`/`absent`/`failed` of a write; `read`/`absent`/`failed` of a digest. */
  status: number | string;
  body?: unknown;
  /** After a step that changes something, once settled: every bound resource's status (and fail_reason). */
  state?: Record<string, Observed>;
  /** Quota in_use after the step (volumes, gigabytes, snapshots, backups, backup_gigabytes). */
  usage?: Record<string, number>;
  digest?: string;
}

export interface SideRun {
  target: string;
  steps: RawStep[];
  bindings: Bindings;
  /** The step that could not be run (cloud unreachable, timeout, auth): the run stops there. */
  aborted?: { index: number; label: string; code: string; message: string };
  /** What cleanup could not delete. */
  leftovers: string[];
  ms: number;
}

/** How long a step's cast may take to show (cast-wait.ts) before the old status is taken. */
const CAST_GRACE_MS = 20_000;

export const USAGE_KEYS = ["volumes", "gigabytes", "snapshots", "backups", "backup_gigabytes"] as const;

/**
 * Runs the steps of `seq` (all, or the indices in `only`) on one target, settling after each step
 * that changes something, then deletes everything the run created (and only that: resources are
 * tracked by the ids the run's own requests returned) and restores the project's quotas.
 */
export async function runSequence(seq: Sequence, target: DiffTarget, runId: string, only?: readonly number[]): Promise<SideRun> {
  const t0 = Date.now();
  const res = new Resources({
    name: target.name,
    member: target.member,
    ...(target.admin ? { admin: target.admin } : {}),
    runId,
    ...(target.pollMs !== undefined ? { pollMs: target.pollMs } : {}),
    ...(target.settleTimeoutMs !== undefined ? { timeoutMs: target.settleTimeoutMs } : {}),
  });
  const bindings: Bindings = { runId, projectId: target.member.projectId, refs: new Map(), records: new Map() };
  const tracked = new Map<string, { kind: ResourceKind; id: string }>();
  const steps: RawStep[] = [];
  let aborted: SideRun["aborted"];
  let quotas: Record<string, unknown> | undefined;
  const poll = target.pollMs ?? 500;
  const settleMs = target.settleTimeoutMs ?? 180_000;
  try {
    const base = await usage(target, bindings, "read quota usage at the start");
    for (const [index, step] of seq.steps.entries()) {
      if (only && !only.includes(index)) continue;
      const label = `step ${index} ${step.label}`;
      try {
        if (step.kind === "api" && step.method === "PUT" && step.path.startsWith("/os-quota-sets") && !quotas && target.admin)
          quotas = await quotaLimits(target.admin, bindings.projectId, label);
        const raw = await runStep(step, index, label, target, bindings, tracked, res);
        if (mutates(step)) {
          const before = steps.findLast((x) => x.state)?.state;
          const awaited = awaitedStatus(step, raw.status);
          raw.state = await settle(res, tracked, poll, settleMs, awaited && { ...awaited, graceMs: Math.min(settleMs, CAST_GRACE_MS) });
          const read = () => usage(target, bindings, `${label}: read quota usage`);
          const now = newlyDeleted(before, raw.state) ? await stableUsage(read, USAGE_KEYS, poll) : await read();
          raw.usage = Object.fromEntries(USAGE_KEYS.map((k) => [k, (now[k] ?? 0) - (base[k] ?? 0)]));
        }
        steps.push(raw);
      } catch (e) {
        if (!(e instanceof CloudError)) throw e;
        aborted = { index, label: step.label, code: e.code, message: e.message.includes(label) ? e.message : `${e.message} (at ${label})` };
        break;
      }
    }
  } catch (e) {
    if (!(e instanceof CloudError)) throw e;
    aborted = { index: -1, label: "start", code: e.code, message: e.message };
  }
  const leftovers = await cleanup(res, target, bindings.projectId, quotas);
  return { target: target.name, steps, bindings, ...(aborted ? { aborted } : {}), leftovers, ms: Date.now() - t0 };
}

async function runStep(
  step: Step,
  index: number,
  label: string,
  target: DiffTarget,
  b: Bindings,
  tracked: Map<string, { kind: ResourceKind; id: string }>,
  res: Resources,
): Promise<RawStep> {
  if (step.kind !== "api") {
    const id = b.refs.get(step.ref);
    if (!id || !target.bytes) return { index, status: "absent" };
    try {
      if (step.kind === "write") {
        await target.bytes.writeVolume(id, seededBytes(step.seed, step.length), step.offset);
        return { index, status: "written" };
      }
      return { index, status: "read", digest: await target.bytes.volumeSha256(id) };
    } catch (e) {
      if (e instanceof CloudError && e.code !== "http") throw e;
      return { index, status: "failed" };
    }
  }
  const client = clientFor(step, target, label);
  const headers = step.microversion ? { "openstack-api-version": `volume ${step.microversion}` } : undefined;
  const r = await client.call("volume", step.method, resolveText(step.path, b), {
    step: label,
    ...(step.body !== undefined ? { body: resolveValue(step.body, b) } : {}),
    ...(headers ? { headers } : {}),
  });
  if (r.status < 300) bind(step, r.body, b, tracked, res);
  return { index, status: r.status, body: r.body };
}

function bind(step: ApiStep, body: unknown, b: Bindings, tracked: Map<string, { kind: ResourceKind; id: string }>, res: Resources): void {
  if (step.bind) {
    const id = pick(body, step.bind.from);
    if (typeof id === "string") {
      b.refs.set(step.bind.ref, id);
      tracked.set(step.bind.ref, { kind: step.bind.kind, id });
      // a restore onto an existing volume returns that volume: never track what the run did not create
      if (!res.created.some((c) => c.id === id)) res.track(step.bind.kind, id);
    }
  }
  if (step.bindRecord) {
    const rec = pick(body, "backup-record");
    if (rec && typeof rec === "object") b.records.set(step.bindRecord, rec as Record<string, unknown>);
  }
}

function clientFor(step: ApiStep, target: DiffTarget, label: string): CloudClient {
  if (step.as === "member") return target.member;
  if (!target.admin) throw new CloudError("config", target.name, `${label}: needs admin credentials`);
  return target.admin;
}

async function usage(target: DiffTarget, b: Bindings, step: string): Promise<Record<string, number>> {
  const client = target.admin ?? target.member;
  const r = await client.call("volume", "GET", `/os-quota-sets/${b.projectId}?usage=True`, { step });
  if (r.status !== 200) throw new CloudError("http", target.name, `${step}: HTTP ${r.status}`, r.status, r.body);
  const set = (r.body as { quota_set?: Record<string, { in_use?: number }> }).quota_set ?? {};
  return Object.fromEntries(USAGE_KEYS.map((k) => [k, Number(set[k]?.in_use ?? 0)]));
}

/** A resource that this step took from present to gone (404). */
function newlyDeleted(before: Record<string, Observed> | undefined, after: Record<string, Observed>): boolean {
  return Object.entries(after).some(
    ([ref, o]) => o.status === "deleted" && before?.[ref] !== undefined && before[ref]?.status !== "deleted",
  );
}

async function quotaLimits(admin: CloudClient, project: string, step: string): Promise<Record<string, unknown>> {
  const r = await admin.call("volume", "GET", `/os-quota-sets/${project}`, { step: `${step}: read quotas to restore` });
  const set = (r.body as { quota_set?: Record<string, unknown> }).quota_set ?? {};
  return Object.fromEntries(USAGE_KEYS.map((k) => [k, set[k]]).filter(([, v]) => typeof v === "number"));
}

/** Deletes what the run created (children first), resetting to `error` with admin rights what
 *  would not delete (an `in-use` after reset-status), then puts the project's quotas back. */
async function cleanup(res: Resources, target: DiffTarget, project: string, quotas?: Record<string, unknown>): Promise<string[]> {
  const restore = async (): Promise<string[]> => {
    if (!quotas || !target.admin) return [];
    try {
      const r = target.ownsProject
        ? await target.admin.call("volume", "DELETE", `/os-quota-sets/${project}`, { step: "cleanup: quotas back to the defaults" })
        : await target.admin.call("volume", "PUT", `/os-quota-sets/${project}`, {
            body: { quota_set: quotas },
            step: "cleanup: restore quotas",
          });
      return r.status < 300 ? [] : [`quotas of project ${project}: HTTP ${r.status}`];
    } catch (e) {
      return [`quotas of project ${project}: ${(e as Error).message}`];
    }
  };
  let problems = await res.cleanup().catch((e: Error) => [e.message]);
  if (problems.length && target.admin) {
    for (const c of res.created) {
      await target.admin
        .call("volume", "POST", `/${c.kind}/${c.id}/action`, {
          body: { "os-reset_status": { status: "error" } },
          step: `cleanup: reset ${c.kind} ${c.id}`,
        })
        .catch(() => undefined);
    }
    problems = await res.cleanup().catch((e: Error) => [e.message]);
  }
  return [...problems, ...(await restore())];
}
