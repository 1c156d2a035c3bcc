import { LineCounter, parseDocument } from "yaml";
import { type Release, DEFAULT_TOPOLOGY, RELEASE_NAMES } from "../../sim/cloud/index.ts";
import { fixed } from "./duration.ts";
import { parseStatusExpectations } from "./parse-expect.ts";
import { parseFaults, parseServiceRef } from "./parse-fault.ts";
import { parseWorkload } from "./parse-step.ts";
import { parseTopology } from "./parse-topology.ts";
import type { Allowance, ConcurrencyExpectation, Scenario, TraceExpectation } from "./scenario.ts";
import { ScenarioError } from "./scenario-error.ts";
import { checkRefs } from "./check-refs.ts";
import { Cursor } from "./yaml-cursor.ts";

/** Scenario files larger than this are refused (bounded memory). */
export const MAX_SCENARIO_BYTES = 256 * 1024;
const KEYS = [
  "name",
  "description",
  "references",
  "releases",
  "topology",
  "config",
  "gap",
  "workload",
  "after_recovery",
  "faults",
  "recovery",
  "expect",
  "expect_trace",
  "concurrency",
  "allow",
  "outcome",
];
const FINDING_CODES = [
  "data-loss",
  "stuck-state",
  "quota-drift",
  "unexpected-status",
  "expectation-failed",
  "orphan-objects",
  "fault-not-fired",
  "nondeterminism",
];

/** Parses and checks one scenario; every problem is a ScenarioError with file:line:col. */
export function parseScenario(text: string, file: string): Scenario {
  if (text.length > MAX_SCENARIO_BYTES) throw new ScenarioError(file, null, `scenario file is larger than ${MAX_SCENARIO_BYTES} bytes`);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    const text = err.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    const hint = /Nested mappings|Implicit keys/.test(text) ? " (text containing ': ' must be quoted or written as a | block)" : "";
    throw new ScenarioError(file, pos ? { line: pos.line, col: pos.col } : null, `YAML: ${text}${hint}`);
  }
  const root = new Cursor(file, lc, doc.contents, "", { line: 1, col: 1 });
  if (!root.isMap) root.fail("a scenario is a mapping with name, workload, faults, expect, …");
  root.only(KEYS);
  for (const k of ["name", "description", "workload"]) if (!root.get(k).present) root.fail(`missing required key '${k}'`);
  const workload = parseWorkload(root.get("workload"));
  const s: Scenario = {
    file,
    name: root.get("name").str({ max: 80, pattern: /^[a-z0-9][a-z0-9-]*$/, hint: "a kebab-case name" }),
    description: root.get("description").str({ max: 4000 }).trim(),
    references: root.get("references").present
      ? root
          .get("references")
          .items()
          .map((r) => r.str({ max: 300 }))
      : [],
    releases: root.get("releases").present ? releases(root.get("releases")) : ["zed", "master"],
    topology: parseTopology(root.get("topology")),
    config: config(root.get("config")),
    gap: root.get("gap").present ? root.get("gap").span() : fixed(0),
    workload,
    afterRecovery: root.get("after_recovery").present ? parseWorkload(root.get("after_recovery"), workload.length) : [],
    faults: parseFaults(root.get("faults"), workload.length),
    recovery: recovery(root.get("recovery")),
    expect: root.get("expect").present ? parseStatusExpectations(root.get("expect")) : {},
    expectTrace: root.get("expect_trace").present ? root.get("expect_trace").items().map(traceExpectation) : [],
    concurrency: root.get("concurrency").present ? root.get("concurrency").items().map(concurrency) : [],
    allow: root.get("allow").present ? root.get("allow").items().map(allowance) : [],
    outcome: outcome(root.get("outcome")),
  };
  checkRefs(s, root, s.topology ?? DEFAULT_TOPOLOGY);
  return s;
}

function releases(c: Cursor): Release[] {
  const list = c.isSeq ? c.items() : [c];
  const out = list.map((x) => x.oneOf(RELEASE_NAMES));
  if (new Set(out).size !== out.length) c.fail("a release is listed twice");
  return out;
}

function config(c: Cursor): Record<string, string | number | boolean> {
  if (!c.present) return {};
  const out: Record<string, string | number | boolean> = {};
  for (const k of c.keys()) {
    if (!/^[a-z_][a-z0-9_]*$/.test(k)) c.get(k).fail(`'${k}' is not a cinder.conf option name`);
    const v = c.get(k).value();
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean")
      c.get(k).fail("config values are strings, numbers or booleans");
    out[k] = v as string | number | boolean;
  }
  return out;
}

function recovery(c: Cursor): Scenario["recovery"] {
  if (!c.present) return { heal: true, restart: [] };
  c.only(["heal", "restart"]);
  return {
    heal: c.get("heal").present ? c.get("heal").bool() : true,
    restart: c.get("restart").present ? c.get("restart").items().map(parseServiceRef) : [],
  };
}

function traceExpectation(c: Cursor): TraceExpectation {
  c.only(["contains", "min", "max", "release"]);
  const min = c.get("min").present ? c.get("min").int(0, 1_000_000) : 1;
  const max = c.get("max").present ? c.get("max").int(min, 1_000_000) : null;
  return {
    where: c.where,
    contains: c.get("contains").str({ max: 200 }),
    min,
    max,
    release: c.get("release").present ? c.get("release").oneOf(RELEASE_NAMES) : null,
  };
}

function concurrency(c: Cursor): ConcurrencyExpectation {
  c.only(["max_peak", "min_peak", "release"]);
  if (!c.has("max_peak") && !c.has("min_peak")) c.fail("give max_peak and/or min_peak");
  return {
    where: c.where,
    maxPeak: c.get("max_peak").present ? c.get("max_peak").int(0, 10_000) : null,
    minPeak: c.get("min_peak").present ? c.get("min_peak").int(0, 10_000) : null,
    release: c.get("release").present ? c.get("release").oneOf(RELEASE_NAMES) : null,
  };
}

function allowance(c: Cursor): Allowance {
  c.only(["code", "releases", "why", "must_occur", "message_contains"]);
  if (!c.get("why").present) c.fail("an allowance needs `why` (the cinder behaviour and its reference)");
  return {
    where: c.where,
    code: c.get("code").oneOf(FINDING_CODES),
    releases: c.get("releases").present ? releases(c.get("releases")) : [...RELEASE_NAMES], // no list: every release
    why: c.get("why").str({ max: 2000 }),
    messageContains: c.get("message_contains").optStr({ max: 200 }),
    mustOccur: c.get("must_occur").present ? c.get("must_occur").bool() : false,
  };
}

function outcome(c: Cursor): Partial<Record<Release, string>> {
  if (!c.present) return {};
  c.only(RELEASE_NAMES);
  const o: Partial<Record<Release, string>> = {};
  for (const r of RELEASE_NAMES) if (c.get(r).present) o[r] = c.get(r).str({ max: 4000 }).trim();
  return o;
}

/** Re-throws anything that is not a ScenarioError as one (never lose the file name). */
export function parseScenarioSafe(text: string, file: string): Scenario {
  try {
    return parseScenario(text, file);
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    throw new ScenarioError(file, null, (e as Error).message);
  }
}
