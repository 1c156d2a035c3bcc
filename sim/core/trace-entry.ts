import type { TraceEvent } from "./trace-event.ts";

/** One line of the step-by-step trace a simulated cloud records (see TraceRecorder); `record` takes it without `t`, `seq` and `what`. */
export interface TraceEntry {
  /** Virtual time, ms since epoch. */
  t: number;
  seq: number;
  /** Workflow and guide step number (Figure 1.1 backup 1–18, Figure 1.2 restore 1–17), when known. */
  flow?: "backup" | "restore" | "delete" | "export" | "import" | "reset" | "cleanup" | "volume" | "snapshot" | "quota";
  step?: number;
  service: string;
  host: string;
  kind: "api" | "cast" | "call" | "reply" | "state" | "driver" | "notify" | "fault" | "error";
  /** What happened, as data: match on this, never on `what`. */
  event: TraceEvent;
  /** Human text, derived from `event` by `describeEvent` (part of the canonical trace). */
  what: string;
  detail?: Record<string, unknown>;
}

export interface TraceView {
  entries(): readonly TraceEntry[];
  /** Canonical JSON lines. */
  jsonl(): string;
  /** sha256 of the canonical trace. */
  hash(): string;
}
