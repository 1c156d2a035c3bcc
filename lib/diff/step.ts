/**
 * One step of a differential sequence: an API call (with `{…}` placeholders resolved per cloud,
 * see template.ts), a write of seeded bytes into a volume, or a read of a volume's digest.
 * Plain JSON: a sequence is replayable from its seed and printable in a report.
 */
export type Actor = "member" | "admin";
export type ResourceKind = "volumes" | "snapshots" | "backups";

export interface ApiStep {
  kind: "api";
  /** What the step does, in cinder's vocabulary (`create backup incremental`, `list volumes ?limit`). */
  label: string;
  as: Actor;
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Block Storage path under the project endpoint; placeholders allowed. */
  path: string;
  body?: unknown;
  /** `OpenStack-API-Version: volume X` for this call only (default: the negotiated one). */
  microversion?: string;
  /** A created resource: its id (at `from`, a dotted path into the answer) becomes `{ref}`. */
  bind?: { ref: string; kind: ResourceKind; from: string };
  /** An export record: the answer's `backup-record` is kept as `{record:ref.*}`. */
  bindRecord?: string;
  /** What of a successful answer is compared (normalise.ts); default: nothing but the status.
   *  `show-zone`: `show` plus whether `availability_zone` is set (the release probes, N2a). */
  project?: "list" | "show" | "show-zone" | "quota" | "none";
}

/** Seeded bytes written at `offset` of a volume (the operator facet: /sim/v1 or librbd). */
export interface WriteStep {
  kind: "write";
  label: string;
  ref: string;
  offset: number;
  length: number;
  seed: number;
}

/** The digest of a volume's bytes (compared as an equality pattern, normalise.ts). */
export interface DigestStep {
  kind: "digest";
  label: string;
  ref: string;
}

export type Step = ApiStep | WriteStep | DigestStep;

export interface Sequence {
  seed: number;
  release: string;
  steps: Step[];
}

/** Operations are the steps that change something (and are followed by a settle). */
export function mutates(s: Step): boolean {
  return s.kind === "write" || (s.kind === "api" && s.method !== "GET");
}
