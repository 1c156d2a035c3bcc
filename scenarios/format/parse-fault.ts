import { fixed } from "./duration.ts";
import { REF, REF_HINT, SERVICE, SERVICE_HINT } from "./refs.ts";
import type { Fault, FaultAction, MessageFilter, ServiceRef, StoreOpName, Trigger } from "./scenario.ts";
import type { Cursor } from "./yaml-cursor.ts";

const ACTIONS = [
  "partition",
  "drop",
  "duplicate",
  "delay",
  "crash",
  "start",
  "restart",
  "db_loss",
  "flaky_store",
  "slow_store",
  "lose_object",
] as const;
const STORE_OPS: readonly StoreOpName[] = [
  "ensureContainer",
  "putObject",
  "getObject",
  "listObjects",
  "deleteObject",
  "listContainers",
  "any",
];
const MAX_FAULTS = 100;

/** The fault schedule: `- at: …, <action>: {…}, for: 90s, optional: true`. */
export function parseFaults(c: Cursor, stepCount: number): Fault[] {
  if (!c.present) return [];
  const items = c.items();
  if (items.length > MAX_FAULTS) c.fail(`at most ${MAX_FAULTS} faults`);
  return items.map((f) => parseFault(f, stepCount));
}

function parseFault(c: Cursor, stepCount: number): Fault {
  c.only([...ACTIONS, "at", "for", "optional"]);
  const acts = c.keys().filter((k) => (ACTIONS as readonly string[]).includes(k));
  if (acts.length !== 1) c.fail(`a fault has exactly one action (${ACTIONS.join(", ")}), found ${acts.length ? acts.join(", ") : "none"}`);
  if (!c.get("at").present) c.fail('a fault needs `at` (a time like 30s, {step: N}, or {trace: "…"})');
  const action = parseAction(acts[0] as (typeof ACTIONS)[number], c.get(acts[0]!));
  const duration = c.get("for").present ? c.get("for").span() : null;
  if (action.kind === "partition" && action.mode === "hold" && !duration)
    c.get("partition").fail(
      "a `hold` partition needs `for` (messages are delivered when it heals); use mode: drop for a cut until recovery",
    );
  if (duration && ["crash", "start", "restart", "db_loss", "lose_object"].includes(action.kind))
    c.get("for").fail(`\`for\` does not apply to ${action.kind}`);
  return {
    where: c.where,
    trigger: parseTrigger(c.get("at"), stepCount),
    action,
    duration,
    optional: c.get("optional").present ? c.get("optional").bool() : false,
  };
}

function parseTrigger(c: Cursor, stepCount: number): Trigger {
  if (!c.isMap) return { kind: "time", at: c.span() };
  c.only(["time", "step", "trace", "occurrence", "delay"]);
  const delay = c.get("delay").present ? c.get("delay").span() : fixed(0);
  const kinds = ["time", "step", "trace"].filter((k) => c.has(k));
  if (kinds.length !== 1) c.fail("`at` takes exactly one of time, step or trace");
  if (c.has("occurrence") && kinds[0] !== "trace") c.get("occurrence").fail("occurrence applies to trace triggers");
  if (kinds[0] === "time") {
    const at = c.get("time").span();
    return { kind: "time", at: { min: at.min + delay.min, max: at.max + delay.max } };
  }
  if (kinds[0] === "step") return { kind: "step", step: c.get("step").int(1, stepCount), delay };
  return {
    kind: "trace",
    contains: c.get("trace").str({ max: 200 }),
    delay,
    occurrence: c.get("occurrence").present ? c.get("occurrence").int(1, 10_000) : 1,
  };
}

export function parseServiceRef(c: Cursor): ServiceRef {
  const m = SERVICE.exec(c.str({ pattern: SERVICE, hint: SERVICE_HINT }))!;
  return { binary: m[1]!, host: m[2]! };
}

function filter(c: Cursor): MessageFilter {
  return {
    method: c.get("method").optStr({ max: 64, pattern: /^[a-z_]+$/, hint: "an RPC method name like continue_backup" }),
    topic: c.get("topic").optStr({ max: 64, pattern: /^[a-z-]+$/, hint: "a topic like cinder-backup" }),
    kind: c.get("kind").present ? c.get("kind").oneOf(["cast", "call"] as const) : null,
  };
}

function percent(c: Cursor): number {
  return c.present ? c.int(0, 100) : 100;
}

function parseAction(name: (typeof ACTIONS)[number], a: Cursor): FaultAction {
  switch (name) {
    case "partition": {
      a.only(["between", "mode"]);
      const between = a.get("between").items();
      if (between.length !== 2) a.get("between").fail("a partition is between two availability zones: [dcn0, central]");
      const pair = between.map((x) => x.str({ max: 64 })) as [string, string];
      if (pair[0] === pair[1]) a.get("between").fail("the two sides of a partition must differ");
      return { kind: "partition", between: pair, mode: a.get("mode").present ? a.get("mode").oneOf(["hold", "drop"] as const) : "hold" };
    }
    case "drop":
    case "duplicate":
      a.only(["method", "topic", "kind", "percent", "count"]);
      return {
        kind: name,
        filter: filter(a),
        percent: percent(a.get("percent")),
        count: a.get("count").present ? a.get("count").int(1, 1_000_000) : null,
      };
    case "delay":
      a.only(["method", "topic", "kind", "percent", "ms"]);
      if (!a.get("ms").present) a.fail("delay needs `ms` (a duration or [min, max])");
      return { kind: "delay", filter: filter(a), ms: a.get("ms").span(), percent: percent(a.get("percent")) };
    case "crash":
    case "start":
    case "restart":
      return { kind: name, service: parseServiceRef(a) };
    case "db_loss":
      if (a.present && !(a.isMap && a.keys().length === 0)) a.fail("db_loss takes no options ({})");
      return { kind: "db_loss" };
    case "flaky_store": {
      a.only(["op", "nth", "times", "name"]);
      const nth = a.get("nth").present ? countSpan(a.get("nth")) : { min: 1, max: 1 };
      return {
        kind: "flaky_store",
        op: a.get("op").present ? a.get("op").oneOf(STORE_OPS) : "putObject",
        nth,
        times: a.get("times").present ? a.get("times").int(1, 1000) : 1,
        name: a.get("name").optStr({ max: 200 }),
      };
    }
    case "slow_store":
      a.only(["op", "ms"]);
      if (!a.get("ms").present) a.fail("slow_store needs `ms` per operation");
      return { kind: "slow_store", op: a.get("op").present ? a.get("op").oneOf(STORE_OPS) : "any", ms: a.get("ms").span() };
    case "lose_object":
      a.only(["backup", "nth"]);
      return {
        kind: "lose_object",
        backup: a.get("backup").str({ pattern: REF, hint: REF_HINT }),
        nth: a.get("nth").present ? a.get("nth").int(1, 100_000) : 1,
      };
  }
}

/** An integer or an inclusive [min, max] of integers (drawn from the seed). */
function countSpan(c: Cursor): { min: number; max: number } {
  if (c.isSeq) {
    const [lo, hi] = c.items();
    if (!lo || !hi || c.items().length !== 2) c.fail("a range is [min, max]");
    const min = lo.int(1, 100_000);
    const max = hi.int(min, 100_000);
    return { min, max };
  }
  const n = c.int(1, 100_000);
  return { min: n, max: n };
}
