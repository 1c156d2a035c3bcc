import { describe, expect, it } from "vitest";
import { parseScenario, ScenarioError } from "./index.ts";

const OK = `name: tiny
description: one backup
workload:
  - volume: { as: v1, size: 2, az: az2 }
  - backup: { as: b1, volume: v1 }
  - settle
faults:
  - at: { step: 2, delay: [0ms, 20ms] }
    drop: { method: continue_backup, percent: 50 }
    for: 30s
expect:
  b1: { status: [available, creating], zed: error }
`;

/** Parses `text` and returns the ScenarioError it must raise. */
function errorOf(text: string, file = "lib/x.yaml"): ScenarioError {
  try {
    parseScenario(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return e as ScenarioError;
  }
  throw new Error("expected a ScenarioError");
}

describe("scenario parser", () => {
  it("parses steps, faults with seeded ranges, and per-release expectations", () => {
    const s = parseScenario(OK, "lib/tiny.yaml");
    expect(s.name).toBe("tiny");
    expect(s.releases).toEqual(["zed", "master"]);
    expect(s.workload.map((w) => w.action.kind)).toEqual(["volume", "backup", "settle"]);
    expect(s.workload[0]!.where.line).toBe(4);
    const f = s.faults[0]!;
    expect(f.trigger).toEqual({ kind: "step", step: 2, delay: { min: 0, max: 20 } });
    expect(f.action).toEqual({ kind: "drop", filter: { method: "continue_backup", topic: null, kind: null }, percent: 50, count: null });
    expect(f.duration).toEqual({ min: 30_000, max: 30_000 });
    expect(s.expect["b1"]!.status).toEqual(["available", "creating"]);
    expect(s.expect["b1"]!.byRelease.zed).toEqual({ status: ["error"], failReason: null });
  });

  it.each([
    ["YAML syntax", OK.replace("  - settle\n", "  - settle\nfoo: [1, 2\n"), 8, /YAML:/],
    ["duplicate key", OK.replace("description: one backup", "description: one backup\nname: again"), 3, /YAML: Map keys must be unique/],
    ["unknown top-level key", `${OK}colour: red\n`, 13, /unknown key 'colour'/],
    ["unknown step option", OK.replace("size: 2, az: az2", "size: 2, zone: az2"), 4, /unknown key 'zone'/],
    ["bad duration", OK.replace("for: 30s", "for: thirty"), 10, /expected a duration like 90s/],
    ["ref used before it is defined", OK.replace("volume: v1 }", "volume: v9 }"), 5, /'v9' is used before a step defines it/],
    ["ref of the wrong kind", OK.replace("  - settle\n", "  - delete: { backup: v1 }\n"), 6, /'v1' is a volume, not a backup/],
    ["unknown availability zone", OK.replace("az: az2", "az: dcn7"), 4, /unknown availability zone 'dcn7'/],
    ["unknown cinder option", `${OK}config:\n  backup_max_operatons: 1\n`, 14, /unknown option 'backup_max_operatons'/],
    [
      "hold partition without a duration",
      OK.replace("drop: { method: continue_backup, percent: 50 }\n    for: 30s", "partition: { between: [az1, az2] }"),
      9,
      /a `hold` partition needs `for`/,
    ],
    ["step trigger past the workload", OK.replace("step: 2,", "step: 9,"), 8, /9 is outside \[1, 3\]/],
    ["unknown status", OK.replace("zed: error", "zed: exploded"), 12, /unknown status 'exploded'/],
    ["two actions in one step", OK.replace("  - settle\n", "  - { settle: {}, advance: 5s }\n"), 6, /exactly one action/],
  ])("%s → names the file and the line", (_name, text, line, message) => {
    const e = errorOf(text);
    expect(e.code).toBe("CHAOS_BAD_SCENARIO");
    expect(e.file).toBe("lib/x.yaml");
    expect(e.where?.line).toBe(line);
    expect(e.message).toMatch(new RegExp(`^lib/x\\.yaml:${line}:\\d+: `));
    expect(e.message).toMatch(message);
  });

  it("refuses oversized files before parsing them", () => {
    const e = errorOf(`${OK}#${"x".repeat(300_000)}\n`);
    expect(e.where).toBeNull();
    expect(e.message).toMatch(/larger than 262144 bytes/);
  });

  it("a missing required key is reported at the top of the file", () => {
    const e = errorOf("name: x\ndescription: y\n");
    expect(e.message).toBe("lib/x.yaml:1:1: missing required key 'workload'");
  });

  it("an empty file, or one that is not a mapping, says what a scenario is (no stray ': ')", () => {
    for (const text of ["", "just text\n", "- a list\n"])
      expect(errorOf(text).message).toBe("lib/x.yaml:1:1: a scenario is a mapping with name, workload, faults, expect, …");
  });
});
