import { fileReporters } from "../../reports/conformance/index.ts";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runConformance } from "../run-conformance.ts";
import { runPassed } from "../runner/run-suite.ts";

// Issue 9 §8: Zed's GoogleBackupDriver against the GCS emulator, through the driver protocol.
// The first finding (every write fails: md5 .encode) is checked in real-drivers.int.test.ts.
// The second finding, _generate_object_names reading one objects.list page, is behind the first:
// it runs with python/fixed/cbh_fixed_gcs.py (the md5 line removed) against an emulator that
// pages at 4 names (--list-page-size 4; GCS pages at 1,000 and may return fewer), so a backup of
// a few objects shows what a 1,000-object backup does on real GCS.
const HERE = dirname(fileURLToPath(import.meta.url));
const FIXED = join(HERE, "python", "fixed");

// Issue 13: the same on Epoxy's 26.0.0 gcs.py (its get_container_entries is Zed's, line for line;
// docs/releases.md), the subclass loaded in the epoxy drivers image (`@epoxy`).
describe.each(["zed", "epoxy"])("findings: the md5-fixed GoogleBackupDriver (%s) reads one page of object names", (release) => {
  it("restore of a backup with more names than a page aborts, and delete leaves objects behind", async () => {
    const summary = await runConformance({
      drivers: [`python:cbh_fixed_gcs.Md5FixedGoogleBackupDriver${release === "zed" ? "" : `@${release}`}`],
      backend: "gcs",
      rules: "setup.*,round-trip.one-byte,round-trip.many-objects,delete.every-backup-leaves-no-object",
      protocol: { driverPaths: [FIXED], listPageSize: 4 },
      reporters: fileReporters(`reports/out/drivers/gcs-paging${release === "zed" ? "" : `-${release}`}`),
    });
    const outcome = (id: string) => summary.results.find((r) => r.ruleId === id)!;
    // With the write bug fixed, a backup small enough for one page round-trips...
    expect(outcome("round-trip.one-byte").outcome).toBe("PASS");
    // ...and one with more names than a page fails as _restore_v1 / delete_backup do on real GCS.
    expect(outcome("round-trip.many-objects").outcome).toBe("FAIL");
    expect(outcome("round-trip.many-objects").reason).toMatch(/does not match object list stored in metadata/);
    expect(outcome("delete.every-backup-leaves-no-object").outcome).toBe("FAIL");
    expect(runPassed(summary)).toBe(false);
  }, 600_000);
});
