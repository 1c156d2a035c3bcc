import type { Release, Topology } from "../../sim/cloud/index.ts";

/** Milliseconds of virtual time, or an inclusive range drawn from the seed (`[30s, 120s]`). */
export type Span = { min: number; max: number };

/** Where a construct sits in its scenario file (1-based), for errors and reports. */
export interface Where {
  line: number;
  col: number;
}

export type User = "demo" | "admin";

/** What users do (one workload item). Refs (`as`, `volume`, `backup`) are scenario-local names. */
export type StepAction =
  | { kind: "volume"; as: string; size: number; az: string | null; fill: "random" | "text" | "zeros" | "pattern"; type: string | null }
  | { kind: "write"; volume: string; fill: "random" | "text" | "pattern"; offset: number; length: number | null }
  | { kind: "snapshot"; as: string; volume: string; force: boolean }
  | { kind: "backup"; as: string; volume: string; snapshot: string | null; incremental: boolean; force: boolean; az: string | null }
  | { kind: "restore"; backup: string; to: string | null; as: string | null }
  | { kind: "delete"; backup: string; force: boolean }
  | { kind: "cancel"; backup: string }
  | { kind: "cancel_restore"; backup: string }
  | { kind: "reset_status"; backup: string; status: string }
  | { kind: "reset_volume"; volume: string; status: string }
  | { kind: "export"; backup: string }
  | { kind: "import"; backup: string }
  | { kind: "settle" }
  | { kind: "advance"; ms: Span }
  | { kind: "wait"; ref: string; status: string[]; timeoutMs: number; optional: boolean }
  | { kind: "expect"; statuses: StatusExpectations }
  | { kind: "parallel"; steps: Step[] };

export interface Step {
  readonly where: Where;
  /** 1-based index in the top-level workload (nested parallel steps share their group's index). */
  readonly index: number;
  readonly action: StepAction;
  readonly user: User;
  /** Virtual time before this step (default: the scenario's `gap`). */
  readonly gap: Span | null;
  /** HTTP codes this step may answer with (the step then binds nothing). */
  readonly allowErrors: number[];
  /** The step must fail with this HTTP code. */
  readonly expectError: number | null;
}

/** When a fault fires: virtual time from the workload start, after a step, or on a trace line. */
export type Trigger =
  | { kind: "time"; at: Span }
  | { kind: "step"; step: number; delay: Span }
  | { kind: "trace"; contains: string; occurrence: number; delay: Span };

export type FaultAction =
  | { kind: "partition"; between: [string, string]; mode: "hold" | "drop" }
  | { kind: "drop"; filter: MessageFilter; percent: number; count: number | null }
  | { kind: "duplicate"; filter: MessageFilter; percent: number; count: number | null }
  | { kind: "delay"; filter: MessageFilter; ms: Span; percent: number }
  | { kind: "crash"; service: ServiceRef }
  | { kind: "start"; service: ServiceRef }
  | { kind: "restart"; service: ServiceRef }
  | { kind: "db_loss" }
  | { kind: "flaky_store"; op: StoreOpName; nth: Span; times: number; name: string | null }
  | { kind: "slow_store"; op: StoreOpName; ms: Span }
  | { kind: "lose_object"; backup: string; nth: number };

export type StoreOpName = "ensureContainer" | "putObject" | "getObject" | "listObjects" | "deleteObject" | "listContainers" | "any";

export interface MessageFilter {
  method: string | null;
  topic: string | null;
  kind: "cast" | "call" | null;
}

/** `binary@host`; the host may be a template such as `{b1.host}`. */
export interface ServiceRef {
  binary: string;
  host: string;
}

export interface Fault {
  readonly where: Where;
  readonly trigger: Trigger;
  readonly action: FaultAction;
  /** Healed after this long (partitions, message faults, store faults); null = until recovery. */
  readonly duration: Span | null;
  /** Not firing is fine (the seed may finish the workload first). */
  readonly optional: boolean;
}

/** Expected status of a ref: any of `status`, optionally with `fail_reason`; per-release overrides. */
export interface StatusExpectation {
  readonly where: Where;
  status: string[] | null;
  failReason: string | null;
  byRelease: Partial<Record<Release, { status: string[] | null; failReason: string | null }>>;
}

export type StatusExpectations = Record<string, StatusExpectation>;

export interface TraceExpectation {
  readonly where: Where;
  contains: string;
  min: number;
  max: number | null;
  release: Release | null;
}

export interface ConcurrencyExpectation {
  readonly where: Where;
  /** Peak number of driver backup() calls in flight on one host. */
  maxPeak: number | null;
  minPeak: number | null;
  release: Release | null;
}

export interface Allowance {
  readonly where: Where;
  code: string;
  releases: Release[];
  why: string;
  /** Only findings whose message contains this text are allowed. */
  messageContains: string | null;
  /** The finding is cinder's documented behaviour here: its absence is itself a finding. */
  mustOccur: boolean;
}

export interface Recovery {
  /** Remove every network fault, clear store faults, start stopped services (default true). */
  heal: boolean;
  /** Restart these after healing (runs `init_host` cleanup). */
  restart: ServiceRef[];
}

/** A parsed chaos scenario file. */
export interface Scenario {
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly references: string[];
  readonly releases: Release[];
  readonly topology: Topology | null;
  readonly config: Record<string, string | number | boolean>;
  /** Default virtual time between workload steps. */
  readonly gap: Span;
  readonly workload: Step[];
  /** What the operator and users do once the cloud has recovered (e.g. delete errored backups). */
  readonly afterRecovery: Step[];
  readonly faults: Fault[];
  readonly recovery: Recovery;
  readonly expect: StatusExpectations;
  readonly expectTrace: TraceExpectation[];
  readonly concurrency: ConcurrencyExpectation[];
  readonly allow: Allowance[];
  /** Per-release outcome prose (why), shown in reports and `cbh chaos list`. */
  readonly outcome: Partial<Record<Release, string>>;
}
