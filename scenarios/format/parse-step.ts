import { fixed } from "./duration.ts";
import { parseStatusExpectations } from "./parse-expect.ts";
import { REF, REF_HINT, STATUSES } from "./refs.ts";
import type { Span, Step, StepAction, User } from "./scenario.ts";
import type { Cursor } from "./yaml-cursor.ts";

const ACTIONS = [
  "volume",
  "write",
  "snapshot",
  "backup",
  "restore",
  "delete",
  "cancel",
  "cancel_restore",
  "reset_status",
  "reset_volume",
  "export",
  "import",
  "settle",
  "advance",
  "wait",
  "expect",
  "parallel",
] as const;
const MODIFIERS = ["user", "gap", "allow_errors", "expect_error"];
const MAX_STEPS = 500;

/** One workload item: a mapping with exactly one action key plus modifiers, or a bare `settle`. */
export function parseStep(c: Cursor, index: number, depth = 0): Step {
  if (c.isScalar) {
    const word = c.oneOf(["settle"] as const);
    return { where: c.where, index, action: { kind: word }, user: "demo", gap: null, allowErrors: [], expectError: null };
  }
  c.only([...ACTIONS, ...MODIFIERS]);
  const acts = c.keys().filter((k) => (ACTIONS as readonly string[]).includes(k));
  if (acts.length !== 1) c.fail(`a step has exactly one action (${ACTIONS.join(", ")}), found ${acts.length ? acts.join(", ") : "none"}`);
  const name = acts[0] as (typeof ACTIONS)[number];
  const a = c.get(name);
  const user: User = c.get("user").present ? c.get("user").oneOf(["demo", "admin"] as const) : "demo";
  const gap: Span | null = c.get("gap").present ? c.get("gap").span() : null;
  const allowErrors = c.get("allow_errors").present
    ? c
        .get("allow_errors")
        .items()
        .map((x) => x.int(400, 599))
    : [];
  const expectError = c.get("expect_error").present ? c.get("expect_error").int(400, 599) : null;
  return { where: c.where, index, action: parseAction(name, a, index, depth), user, gap, allowErrors, expectError };
}

function ref(c: Cursor): string {
  return c.str({ pattern: REF, hint: REF_HINT });
}

function optRef(c: Cursor): string | null {
  return c.present ? ref(c) : null;
}

function parseAction(name: (typeof ACTIONS)[number], a: Cursor, index: number, depth: number): StepAction {
  switch (name) {
    case "volume":
      a.only(["as", "size", "az", "fill", "type"]);
      return {
        kind: "volume",
        as: ref(a.get("as")),
        size: a.get("size").present ? a.get("size").int(1, 64) : 1,
        az: a.get("az").optStr({ max: 64 }),
        fill: a.get("fill").present ? a.get("fill").oneOf(["random", "text", "zeros", "pattern"] as const) : "random",
        type: a.get("type").optStr({ max: 64 }),
      };
    case "write":
      a.only(["volume", "fill", "offset", "length"]);
      return {
        kind: "write",
        volume: ref(a.get("volume")),
        fill: a.get("fill").present ? a.get("fill").oneOf(["random", "text", "pattern"] as const) : "random",
        offset: a.get("offset").present ? a.get("offset").int(0, 2 ** 31) : 0,
        length: a.get("length").present ? a.get("length").int(1, 2 ** 31) : null,
      };
    case "snapshot":
      a.only(["as", "volume", "force"]);
      return {
        kind: "snapshot",
        as: ref(a.get("as")),
        volume: ref(a.get("volume")),
        force: a.get("force").present ? a.get("force").bool() : false,
      };
    case "backup":
      a.only(["as", "volume", "snapshot", "incremental", "force", "az"]);
      return {
        kind: "backup",
        as: ref(a.get("as")),
        volume: ref(a.get("volume")),
        snapshot: optRef(a.get("snapshot")),
        incremental: a.get("incremental").present ? a.get("incremental").bool() : false,
        force: a.get("force").present ? a.get("force").bool() : false,
        az: a.get("az").optStr({ max: 64 }),
      };
    case "restore": {
      a.only(["backup", "to", "as"]);
      const to = optRef(a.get("to"));
      const as = optRef(a.get("as"));
      if ((to === null) === (as === null))
        a.fail("restore takes either `to` (an existing volume) or `as` (name the new volume cinder creates)");
      return { kind: "restore", backup: ref(a.get("backup")), to, as };
    }
    case "delete":
      a.only(["backup", "force"]);
      return { kind: "delete", backup: ref(a.get("backup")), force: a.get("force").present ? a.get("force").bool() : false };
    case "cancel":
    case "cancel_restore":
    case "export":
    case "import":
      a.only(["backup"]);
      return { kind: name, backup: ref(a.get("backup")) };
    case "reset_status":
      a.only(["backup", "status"]);
      return { kind: "reset_status", backup: ref(a.get("backup")), status: a.get("status").str({ max: 32 }) };
    case "reset_volume":
      a.only(["volume", "status"]);
      return { kind: "reset_volume", volume: ref(a.get("volume")), status: a.get("status").str({ max: 32 }) };
    case "settle":
      if (a.present) a.only([]);
      return { kind: "settle" };
    case "advance":
      return { kind: "advance", ms: a.span() };
    case "wait": {
      a.only(["for", "status", "timeout", "optional"]);
      const status = a.get("status").strList({ max: 32 });
      for (const [i, s] of status.entries())
        if (!(STATUSES as readonly string[]).includes(s))
          (a.get("status").isSeq ? a.get("status").items()[i]! : a.get("status")).fail(`unknown status '${s}'`);
      return {
        kind: "wait",
        ref: ref(a.get("for")),
        status,
        timeoutMs: a.get("timeout").present ? a.get("timeout").duration() : 600_000,
        optional: a.get("optional").present ? a.get("optional").bool() : false,
      };
    }
    case "expect":
      return { kind: "expect", statuses: parseStatusExpectations(a) };
    case "parallel": {
      if (depth > 0) a.fail("parallel groups do not nest");
      const items = a.items();
      if (items.length < 2 || items.length > 50) a.fail("a parallel group has 2 to 50 steps");
      return { kind: "parallel", steps: items.map((x) => parseStep(x, index, depth + 1)) };
    }
  }
}

/** The workload list. */
export function parseWorkload(c: Cursor, firstIndex = 0): Step[] {
  const items = c.items();
  if (items.length === 0) c.fail("the workload needs at least one step");
  if (items.length > MAX_STEPS) c.fail(`at most ${MAX_STEPS} steps`);
  return items.map((x, i) => parseStep(x, firstIndex + i + 1));
}

export const NO_GAP: Span = fixed(0);
