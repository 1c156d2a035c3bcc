import { errorMessage } from "../remote/index.ts";
import type { RawStep, SideRun } from "./run-sequence.ts";
import type { Sequence } from "./step.ts";

/**
 * What of a step is compared, after normalisation. Every rule is in docs/diff.md with its reason:
 *  N1 ids → the generator's names for them (`<vol0>`), other uuids → `<uuid>`, the project → `<project>`
 *  N2 timestamps, links, hosts, users, zones, per-volume-type quota keys: not compared
 *  N2a a zone's presence only (`<zone>` or null), where a step asks for it (`show-zone`)
 *  N3 statuses only after settling (no transitional status of an answer to a POST)
 *  N4 quota usage relative to the sequence's start
 *  N5 digests as an equality pattern (`d0`, `d1`: first, second distinct content)
 *  N6 lists: the run's own items, in order; `count` by type only
 */
export interface StepView {
  index: number;
  status: string;
  message?: string;
  answer?: string;
  state?: Record<string, string>;
  usage?: Record<string, number>;
  digest?: string;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const SHOW_FIELDS = [
  "status",
  "size",
  "name",
  "description",
  "metadata",
  "fail_reason",
  "is_incremental",
  "has_dependent_backups",
  "volume_id",
  "snapshot_id",
  "bootable",
  "encrypted",
];
const QUOTA_DROP = /^(id|(volumes|gigabytes|snapshots)_.+)$/;

export function normaliseRun(seq: Sequence, run: SideRun): StepView[] {
  const names = new Map<string, string>();
  for (const [ref, id] of run.bindings.refs) names.set(id.toLowerCase(), `<${ref}>`);
  const ids = (s: string): string =>
    s
      .replaceAll(run.bindings.projectId, "<project>")
      .replace(UUID, (u) => names.get(u.toLowerCase()) ?? (u === "0000dead-0000-4000-8000-00000000beef" ? u : "<uuid>"));
  const digests = new Map<string, string>();
  return run.steps.map((r) => view(seq, r, ids, digests, run.bindings.runId));
}

function view(seq: Sequence, r: RawStep, ids: (s: string) => string, digests: Map<string, string>, runId: string): StepView {
  const v: StepView = { index: r.index, status: String(r.status) };
  const step = seq.steps[r.index];
  if (typeof r.status === "number" && r.status >= 400) v.message = ids(errorMessage(r.body));
  if (typeof r.status === "number" && r.status < 300 && step?.kind === "api" && step.project && step.project !== "none")
    v.answer = ids(JSON.stringify(project(step.project, r.body, runId)));
  if (r.state)
    v.state = Object.fromEntries(
      Object.entries(r.state).map(([ref, o]) => [ref, o.fail_reason ? `${o.status} (${ids(o.fail_reason)})` : o.status]),
    );
  if (r.usage) v.usage = r.usage;
  if (r.digest !== undefined) {
    if (!digests.has(r.digest)) digests.set(r.digest, `d${digests.size}`);
    v.digest = digests.get(r.digest);
  }
  return v;
}

function project(how: "list" | "show" | "show-zone" | "quota", body: unknown, runId: string): unknown {
  const b = (body ?? {}) as Record<string, unknown>;
  if (how === "show" || how === "show-zone") {
    const [inner] = Object.values(b) as Record<string, unknown>[];
    const shown = Object.fromEntries(SHOW_FIELDS.filter((f) => inner && f in inner).map((f) => [f, inner?.[f]]));
    if (how === "show") return shown;
    // N2a: the zone's name is the deployment's (not compared), whether the row has one is behaviour
    return { ...shown, availability_zone: inner?.availability_zone == null ? null : "<zone>" };
  }
  if (how === "list") {
    const key = Object.keys(b).find((k) => Array.isArray(b[k])) ?? "";
    const items = ((b[key] as Record<string, unknown>[] | undefined) ?? []).filter(
      (i) => typeof i.name === "string" && i.name.startsWith(runId),
    );
    return { key, items: items.map((i) => i.id), ...("count" in b ? { count: typeof b.count } : {}) };
  }
  const set = (b.quota_set ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(set)
      .filter((k) => !QUOTA_DROP.test(k))
      .sort()
      .map((k) => {
        const x = set[k];
        // with usage: limit and reserved compared; in_use is compared relative to the start (state.usage)
        return [
          k,
          x && typeof x === "object"
            ? { limit: (x as Record<string, unknown>).limit, reserved: (x as Record<string, unknown>).reserved }
            : x,
        ];
      }),
  );
}
