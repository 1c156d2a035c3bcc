import { describe, expect, it } from "vitest";
import { normaliseRun } from "./normalise.ts";
import type { SideRun } from "./run-sequence.ts";
import type { Sequence } from "./step.ts";
import { ABSENT_ID } from "./template.ts";

const VOL = "11111111-2222-4333-8444-555555555555";
const OTHER = "99999999-2222-4333-8444-555555555555";
const PROJECT = "0123456789abcdef0123456789abcdef";

const seq: Sequence = {
  seed: 1,
  release: "zed",
  steps: [
    { kind: "api", label: "show volume", as: "member", method: "GET", path: "/volumes/{ref:vol0}", project: "show" },
    { kind: "api", label: "list", as: "member", method: "GET", path: "/volumes", project: "list" },
    { kind: "digest", label: "read", ref: "vol0" },
    { kind: "digest", label: "read", ref: "vol0" },
    { kind: "api", label: "bad", as: "member", method: "GET", path: "/x" },
  ],
};

const run = (): SideRun => ({
  target: "t",
  bindings: { runId: "cbh-r", projectId: PROJECT, refs: new Map([["vol0", VOL]]), records: new Map() },
  leftovers: [],
  ms: 0,
  steps: [
    {
      index: 0,
      status: 200,
      body: {
        volume: {
          id: VOL,
          status: "available",
          size: 1,
          name: "cbh-r-vol0 x",
          created_at: "2026-01-01T00:00:00",
          "os-vol-host-attr:host": "h@b#p",
        },
      },
    },
    {
      index: 1,
      status: 200,
      body: {
        volumes: [
          { id: OTHER, name: "someone else's" },
          { id: VOL, name: "cbh-r-vol0 x" },
        ],
        count: 2,
      },
    },
    { index: 2, status: "read", digest: "aaaa" },
    { index: 3, status: "read", digest: "aaaa" },
    {
      index: 4,
      status: 404,
      body: { itemNotFound: { code: 404, message: `Volume ${OTHER} in ${PROJECT} is not ${VOL} nor ${ABSENT_ID}` } },
    },
  ],
});

describe("normaliseRun", () => {
  it("N1 ids become the generator's names, other uuids <uuid>, the project <project>; the absent id stays", () => {
    expect(normaliseRun(seq, run())[4]?.message).toBe(`Volume <uuid> in <project> is not <vol0> nor ${ABSENT_ID}`);
  });

  it("N2 a show compares only behaviour fields (no times, no hosts)", () => {
    expect(JSON.parse(normaliseRun(seq, run())[0]?.answer ?? "")).toEqual({ status: "available", size: 1, name: "cbh-r-vol0 x" });
  });

  it("N5 digests are an equality pattern; N6 lists keep the run's own items and count's type", () => {
    const v = normaliseRun(seq, run());
    expect([v[2]?.digest, v[3]?.digest]).toEqual(["d0", "d0"]);
    expect(JSON.parse(v[1]?.answer ?? "")).toEqual({ key: "volumes", items: ["<vol0>"], count: "number" });
  });

  it("N2a show-zone compares whether a zone is set, never its name", () => {
    const zoned = (availability_zone: string | null): string | undefined => {
      const one: Sequence = { ...seq, steps: [{ ...seq.steps[0]!, project: "show-zone" } as Sequence["steps"][number]] };
      const r = run();
      r.steps = [{ index: 0, status: 200, body: { backup: { id: VOL, status: "available", availability_zone } } }];
      return normaliseRun(one, r)[0]?.answer;
    };
    expect(JSON.parse(zoned("nova") ?? "")).toEqual({ status: "available", availability_zone: "<zone>" });
    expect(zoned("az-2")).toBe(zoned("nova"));
    expect(JSON.parse(zoned(null) ?? "")).toEqual({ status: "available", availability_zone: null });
  });
});
