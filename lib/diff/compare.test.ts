import { describe, expect, it } from "vitest";
import { compareViews } from "./compare.ts";
import type { StepView } from "./normalise.ts";

const v = (index: number, state: Record<string, string>, extra: Partial<StepView> = {}): StepView => ({
  index,
  status: "202",
  state,
  ...extra,
});

describe("compareViews", () => {
  it("reports a differing settled status where it appears and where it changes, not at every later step", () => {
    const sim = [v(0, { bak0: "available" }), v(1, { bak0: "available" }), v(2, { bak0: "available" }), v(3, { bak0: "deleted" })];
    const target = [v(0, { bak0: "error" }), v(1, { bak0: "error" }), v(2, { bak0: "available" }), v(3, { bak0: "error" })];
    expect(compareViews(sim, target, (i) => `s${i}`).map((d) => `${d.index} ${d.field} ${d.sim}|${d.target}`)).toEqual([
      "0 state.bak0 available|error",
      "3 state.bak0 deleted|error",
    ]);
  });

  it("compares status and message at every step, and a step the target did not run", () => {
    const sim = [v(0, {}, { status: "400", message: "a" }), v(1, {}, { status: "400", message: "a" }), v(2, {})];
    const target = [v(0, {}, { status: "400", message: "b" }), v(1, {}, { status: "404", message: "a" })];
    expect(compareViews(sim, target, (i) => `s${i}`).map((d) => `${d.index} ${d.field}`)).toEqual([
      "0 message",
      "1 status",
      "2 missing-step",
    ]);
  });
});

describe("the allow-list", () => {
  it("explains a divergence that matches every pattern of an entry, and nothing else", async () => {
    const { explain } = await import("./allow-list.ts");
    const list = [
      {
        id: "filters-rejected",
        label: /^list [a-z/]+\?(.*&)?name=.*@3\.(3[4-9]|[4-9]\d)$/,
        field: /^(status|message|answer)$/,
        target: /^(400|Invalid filters .+ are found in query options\.|—)$/,
        reason: "a deployment without resource_filters.json",
        cinder: "cinder/api/common.py:_load_resource_filters",
      },
    ];
    const d = {
      index: 6,
      label: "list snapshots/detail?name=nothing-is-called-this @3.60",
      field: "message",
      sim: "—",
      target: "Invalid filters name are found in query options.",
    };
    expect(explain(d, list).allowed).toBe("filters-rejected");
    expect(explain({ ...d, label: "list snapshots/detail?name=nothing-is-called-this @3.0" }, list).allowed).toBeUndefined();
    expect(explain({ ...d, target: "Backup x could not be found." }, list).allowed).toBeUndefined();
    // the shipped list explains nothing: no known difference is left unfixed
    expect(explain(d).allowed).toBeUndefined();
  });
});
