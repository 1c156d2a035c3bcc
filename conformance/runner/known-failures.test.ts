import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { canaryDriver, findCanary } from "../canaries/index.ts";
import { referenceDriver } from "../driver/reference-driver.ts";
import { loadKnownFailures, parseKnownFailures } from "./known-failures.ts";
import { runPassed, runSuite } from "./run-suite.ts";

// A leaky "third-party" driver: the reference driver with the leak-on-delete bug, not flagged as a canary.
const leaky = () => ({ ...canaryDriver(findCanary("leak-on-delete")!, referenceDriver()), id: "leaky" });

describe("known failures", () => {
  it("a listed failure does not fail the run", async () => {
    const known = parseKnownFailures("delete.every-backup-leaves-no-object: 'bug 1746559: orphan objects'\n");
    const s = await runSuite({
      drivers: [{ dut: leaky(), replayPrefix: "x", knownFailures: known }],
      rules: "delete.every-backup-leaves-no-object,round-trip.one-byte",
    });
    expect(s.results.map((r) => [r.ruleId, r.outcome, r.knownFailure ?? null])).toEqual([
      ["round-trip.one-byte", "PASS", null],
      ["delete.every-backup-leaves-no-object", "FAIL", "bug 1746559: orphan objects"],
    ]);
    expect(runPassed(s)).toBe(true);
  });

  it("an unlisted failure still fails the run; a listed rule that passes fails it too (the list only shrinks)", async () => {
    const s1 = await runSuite({
      drivers: [{ dut: leaky(), replayPrefix: "x", knownFailures: new Map() }],
      rules: "delete.every-backup-leaves-no-object",
    });
    expect(runPassed(s1)).toBe(false);
    const known = parseKnownFailures("round-trip.one-byte: fixed long ago\n");
    const s2 = await runSuite({
      drivers: [{ dut: referenceDriver(), replayPrefix: "x", knownFailures: known }],
      rules: "round-trip.one-byte",
    });
    expect(s2.results[0]).toMatchObject({
      outcome: "PASS",
      unexpectedPass: true,
      reason: "listed as a known failure (fixed long ago) but passed: remove it from the list",
    });
    expect(runPassed(s2)).toBe(false);
  });

  it("rejects a list that is not rule id → reason", () => {
    expect(() => parseKnownFailures("- a\n- b\n")).toThrow(/mapping of rule id/);
    expect(() => parseKnownFailures("Not A Rule: x\n")).toThrow(/is not a rule id/);
    expect(() => parseKnownFailures("round-trip.one-byte: ''\n")).toThrow(/needs a reason/);
    expect(parseKnownFailures("").size).toBe(0);
  });
});

describe("known-failures ids are checked against the suite", () => {
  it("a typo'd rule id is an error naming it and the closest ids; the CLI exits 2", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const { runConformance } = await import("../run-conformance.ts");
    const file = join(mkdtempSync(join(tmpdir(), "cbh-kf-")), "known.yaml");
    writeFileSync(file, "delete.every-backup-leaves-no-objects: 'bug 1746559'\n");
    await expect(runConformance({ knownFailuresFile: file, rules: "round-trip.one-byte", reporters: [] })).rejects.toMatchObject({
      code: "CBH_BAD_KNOWN_FAILURES",
      message: expect.stringMatching(
        /unknown rule id 'delete\.every-backup-leaves-no-objects' \(closest: delete\.every-backup-leaves-no-object, /,
      ),
    });
  });

  it("the summary line says how many failures were known", async () => {
    const { progressReporter } = await import("../../reports/conformance/progress-reporter.ts");
    let out = "";
    const known = parseKnownFailures("delete.every-backup-leaves-no-object: 'bug 1746559: orphan objects'\n");
    await runSuite({
      drivers: [{ dut: leaky(), replayPrefix: "x", knownFailures: known }],
      rules: "delete.every-backup-leaves-no-object,delete.tolerates-missing-objects",
      reporters: [progressReporter((s) => (out += s), false)],
    });
    expect(out).toContain("leaky: 0 passed, 2 failed (1 known, 1 new), 0 skipped, 0 not applicable");
  });

  it("a bad file names itself and the line, never quotes its text; a directory or a device is refused, not read", () => {
    expect(() => parseKnownFailures("round-trip.one-byte: [\nsecret: x\n", "kf.yaml")).toThrow(
      /^kf\.yaml:2:1: not valid YAML\/JSON \([A-Z_]+\)$/,
    );
    expect(() => loadKnownFailures(tmpdir())).toThrow(`${tmpdir()}: not a regular file`);
    expect(() => loadKnownFailures("/dev/zero")).toThrow("/dev/zero: not a regular file");
    expect(() => loadKnownFailures(join(tmpdir(), "cbh-no-such-known-failures.yaml"))).toThrow(/^cannot read .*ENOENT/);
  });
});
