import type { Release, SimulatedCloud } from "../../sim/cloud/index.ts";
import type { PrngStream } from "../../sim/core/prng.ts";
import { eventSubjects } from "../../sim/core/trace-event.ts";
import type { MemoryObjectStore } from "../../lib/stores/index.ts";
import type { Fault, Scenario, Span, Where } from "../format/index.ts";
import type { Finding, FindingCode } from "./finding.ts";
import type { TransferProbe } from "./probe-driver.ts";

export type RefKind = "volume" | "snapshot" | "backup";

/** What the runner knows about one backup ref (for the data-loss check). */
export interface BackupFacts {
  /** Content digest of the source device when the create was accepted (what the backup must give back; `devices.digest`). */
  sourceDigest: string;
  /** Bytes of the source device (a restore target may be larger: only this prefix is compared). */
  sourceBytes: number;
  everAvailable: boolean;
  deletedByUser: boolean;
}

export interface RestoreFacts {
  backupRef: string;
  volumeId: string;
  /** The target was written to after the restore: its bytes no longer say anything. */
  dirty: boolean;
  where: Where;
}

/** Mutable state of one scenario run (one seed, one release). */
export class RunContext {
  readonly refs = new Map<string, { kind: RefKind; id: string }>();
  readonly backups = new Map<string, BackupFacts>();
  readonly restores: RestoreFacts[] = [];
  readonly exports = new Map<string, { backup_service: string; backup_url: string }>();
  readonly findings: Finding[] = [];
  /** Faults that fired, with the virtual time and what was done. */
  readonly fired = new Map<Fault, { t: number; what: string }>();
  /** Undo functions of faults still in force (healed at recovery). */
  readonly active = new Set<() => void>();
  writes = 0;

  constructor(
    readonly scenario: Scenario,
    readonly release: Release,
    readonly seed: number,
    readonly cloud: SimulatedCloud,
    readonly store: MemoryObjectStore,
    readonly probe: TransferProbe,
    /** Timing and ordering draws (`chaos.schedule`); message-level chance draws use `chaos`. */
    readonly schedule: PrngStream,
    readonly chaos: PrngStream,
  ) {}

  /** A duration drawn from the seed when it is a range. */
  draw(s: Span): number {
    return s.min === s.max ? s.min : this.schedule.int(s.min, s.max);
  }

  /** A finding pointing at the last trace line about its subject (as the trace is now). */
  finding(code: FindingCode, message: string, extra: Omit<Finding, "code" | "message"> = {}): Finding {
    const seq = extra.traceSeq ?? this.lastTraceSeqAbout(extra.subject);
    return { code, message, ...extra, ...(seq !== undefined ? { traceSeq: seq } : {}) };
  }

  find(code: FindingCode, message: string, extra: Omit<Finding, "code" | "message"> = {}): void {
    this.findings.push(this.finding(code, message, extra));
  }

  id(ref: string): string | undefined {
    return this.refs.get(ref)?.id;
  }

  /** The status a scenario talks about: the row's status, `deleted` for soft-deleted rows, `missing` when there is no row. */
  statusOf(ref: string): string {
    const r = this.refs.get(ref);
    if (!r) return "unbound";
    const db = this.cloud.db;
    const row = r.kind === "backup" ? db.backup(r.id) : r.kind === "volume" ? db.volume(r.id) : db.snapshot(r.id);
    if (!row) return "missing";
    return row.deleted ? "deleted" : row.status;
  }

  failReasonOf(ref: string): string | null {
    const r = this.refs.get(ref);
    return r?.kind === "backup" ? (this.cloud.db.backup(r.id)?.fail_reason ?? null) : null;
  }

  /** `{b1}` → b1's id, `{b1.host}` → its backup host. Unbound refs stay as they are. */
  expand(template: string): string {
    return template.replace(/\{([A-Za-z][A-Za-z0-9_-]*)(?:\.(host|id))?\}/g, (all, ref: string, field?: string) => {
      const r = this.refs.get(ref);
      if (!r) return all;
      if (field === "host") return (r.kind === "backup" ? this.cloud.db.backup(r.id)?.host : null) ?? all;
      return r.id;
    });
  }

  lastTraceSeqAbout(id: string | undefined): number | undefined {
    const entries = this.cloud.trace.entries();
    if (!entries.length) return undefined;
    if (id) for (let i = entries.length - 1; i >= 0; i--) if (eventSubjects(entries[i]!.event).includes(id)) return entries[i]!.seq;
    return entries[entries.length - 1]!.seq;
  }

  /** A runner-side line in the simulation's trace (faults, workload steps, checks), with the cloud ids it is about. */
  note(kind: "fault" | "api" | "state" | "error", text: string, subjects: readonly string[] = []): void {
    this.cloud.inspect.note({ service: "chaos", host: "nemesis", kind, event: { type: "runner", text, subjects } });
  }
}
