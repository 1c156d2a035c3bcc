/**
 * What a trace entry records, as data. Consumers (checks, the nemesis, diagrams, reports)
 * match on these fields; the human `what` text of the canonical trace is derived from the
 * event by `describeEvent` alone, so the canonical trace and its hash stay what they were.
 */
export type TraceEvent =
  /** An oslo.messaging cast or call leaving its sender (`rpcapi.py`). */
  | { readonly type: "rpc"; readonly kind: "cast" | "call"; readonly topic: string; readonly server: string; readonly method: string }
  /** `MessagingTimeout` raised in the caller of an unanswered call. */
  | { readonly type: "rpc-timeout"; readonly topic: string; readonly server: string; readonly method: string }
  /** A cast's handler raised (nobody hears it but the log). */
  | { readonly type: "rpc-failed"; readonly method: string; readonly error: string }
  /** A fault hook dropped a message on the wire. */
  | {
      readonly type: "rpc-dropped";
      readonly kind: "cast" | "call";
      readonly topic: string;
      readonly server: string;
      readonly method: string;
      readonly reason: string;
    }
  /** A resource's status changed (`from` omitted when not shown); `reason` = fail reason; `related` = other ids it names. */
  | {
      readonly type: "status";
      readonly resource: Resource;
      readonly id: string;
      readonly from?: string;
      readonly to: string;
      readonly reason?: string;
      readonly note?: string;
      readonly related?: readonly string[];
    }
  /** A row is gone (`destroy` / soft delete). */
  | { readonly type: "deleted"; readonly resource: Resource; readonly id: string }
  /** The backup manager calls its driver. */
  | {
      readonly type: "driver";
      readonly call: "backup" | "restore" | "delete_backup";
      readonly backupId: string;
      readonly volumeId?: string;
    }
  /** A `backup.*` notification (`_notify_about_backup_usage`, progress notifications). */
  | { readonly type: "notify"; readonly event: string; readonly backupId: string; readonly percent?: number }
  /** A service process started or stopped (a stop is a crash). */
  | { readonly type: "service"; readonly binary: string; readonly change: "started" | "stopped" }
  /** A database fault injected by `cloud.faults`. */
  | { readonly type: "database"; readonly change: "loss" | "heartbeats-cut" | "heartbeats-back"; readonly host?: string }
  /** A cinder-api request, validation or answer line. */
  | { readonly type: "api"; readonly text: string; readonly subjects: readonly string[] }
  /** Any other step of a service, with the ids it is about. */
  | { readonly type: "note"; readonly text: string; readonly subjects: readonly string[] }
  /** A line of a runner outside the cloud (workflow step, chaos fault, workload step, check). */
  | { readonly type: "runner"; readonly text: string; readonly subjects: readonly string[] };

export type Resource = "backup" | "volume" | "snapshot";

/** The human `what` of a trace line: the only place event text is made. */
export function describeEvent(e: TraceEvent): string {
  switch (e.type) {
    case "rpc":
      return `${e.topic}.${e.server} ${e.method}`;
    case "rpc-timeout":
      return `MessagingTimeout ${e.topic}.${e.server} ${e.method}`;
    case "rpc-failed":
      return `${e.method} failed: ${e.error}`;
    case "rpc-dropped":
      return `dropped ${e.kind} ${e.topic}.${e.server} ${e.method}: ${e.reason}`;
    case "status":
      return `${e.resource} ${e.id}${e.from !== undefined ? ` ${e.from}` : ""} → ${e.to}${e.reason !== undefined ? `: ${e.reason}` : ""}${e.note !== undefined ? ` (${e.note})` : ""}`;
    case "deleted":
      return `${e.resource} ${e.id} deleted`;
    case "driver":
      return `driver.${e.call} ${e.backupId}${e.volumeId !== undefined ? ` → ${e.volumeId}` : ""}`;
    case "notify":
      return `backup.${e.event}${e.percent !== undefined ? ` ${e.backupId} ${e.percent}%` : ""}`;
    case "service":
      return `${e.binary} ${e.change}`;
    case "database":
      return e.change === "loss"
        ? "database loss: every backup record is gone"
        : `heartbeats from ${e.host ?? "?"} ${e.change === "heartbeats-cut" ? "no longer reach" : "reach"} the database${e.change === "heartbeats-back" ? " again" : ""}`;
    case "api":
    case "note":
    case "runner":
      return e.text;
  }
}

/** The resource ids an event is about (a finding's closest trace line is the last one about its subject). */
export function eventSubjects(e: TraceEvent): readonly string[] {
  switch (e.type) {
    case "status":
      return [e.id, ...(e.related ?? [])];
    case "deleted":
      return [e.id];
    case "driver":
      return e.volumeId !== undefined ? [e.backupId, e.volumeId] : [e.backupId];
    case "notify":
      return e.percent !== undefined ? [e.backupId] : [];
    case "api":
    case "note":
    case "runner":
      return e.subjects;
    default:
      return [];
  }
}
