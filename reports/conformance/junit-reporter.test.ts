import { describe, expect, it } from "vitest";
import { canaryDriver, findCanary } from "../../conformance/canaries/index.ts";
import { referenceDriver } from "../../conformance/driver/reference-driver.ts";
import { parseKnownFailures } from "../../conformance/runner/known-failures.ts";
import { runSuite } from "../../conformance/runner/run-suite.ts";
import { junitXml } from "./junit-reporter.ts";

// A leaky "third-party" driver: the reference driver with the leak-on-delete bug, not flagged as a canary.
const leaky = () => ({ ...canaryDriver(findCanary("leak-on-delete")!, referenceDriver()), id: "leaky" });

describe("JUnit and known failures", () => {
  it("a listed failure shows as skipped with its reason, not as a failure", async () => {
    const known = parseKnownFailures("delete.every-backup-leaves-no-object: 'bug 1746559: orphan objects'\n");
    const s = await runSuite({
      drivers: [{ dut: leaky(), replayPrefix: "x", knownFailures: known }],
      rules: "delete.every-backup-leaves-no-object",
    });
    const xml = junitXml(s);
    expect(xml).toContain('<skipped message="known failure: bug 1746559: orphan objects — objects left in the store');
    expect(xml).not.toContain("<failure");
  });

  it("a listed rule that passes is a failure of type UnexpectedPass", async () => {
    const known = parseKnownFailures("round-trip.one-byte: fixed long ago\n");
    const s = await runSuite({
      drivers: [{ dut: referenceDriver(), replayPrefix: "x", knownFailures: known }],
      rules: "round-trip.one-byte",
    });
    expect(junitXml(s)).toContain(
      '<failure message="listed as a known failure (fixed long ago) but passed: remove it from the list" type="UnexpectedPass"/>',
    );
  });
});
