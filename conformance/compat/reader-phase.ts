import type { DriverHarness } from "../driver/driver-harness.ts";
import { geometryConfig, type DriverUnderTest } from "../driver/driver-under-test.ts";
import { expectNoObjects, expectRestoredBytes, expectVolumeMeta, step } from "./compat-checks.ts";
import type { CompatCase } from "./compat-cases.ts";
import { importRecord } from "./imported-record.ts";
import type { WrittenSet } from "./writer-phase.ts";

/**
 * The reading release's backup service over what the writer left: the same database (an
 * upgrade or downgrade in place: a new driver instance of the other release on the same rows),
 * or, for a case with records, a new database the records are imported into. Restores every
 * point into a new volume (byte-exact), checks the volume metadata, deletes every backup
 * (newest first) and checks the real store holds nothing. Returns what it observed.
 */
export async function readPhase(reader: DriverUnderTest, release: string, c: CompatCase, w: WrittenSet, seed: number): Promise<string[]> {
  const seen: string[] = [...w.observed];
  let h: DriverHarness;
  if (c.records) {
    h = await step(`open ${release}'s driver (new database)`, () => w.harness.reopen(seed + 1, reader));
    for (const rec of w.records) await step(`import_record of ${rec.backupId.slice(0, 8)} with ${release}`, () => importRecord(h, rec));
    seen.push(`${w.records.length} record(s) imported by ${release}`);
  } else {
    h = w.harness;
    h.driver = reader.createDriver({ store: h.store, host: "conformance@backup", config: geometryConfig(reader.geometry, c.compression) });
    await step(`check_for_setup_error with ${release}`, () => h.driver.checkForSetupError());
  }
  for (const [i, p] of w.points.entries()) {
    const what = `restore point ${i + 1}/${w.points.length} with ${release}`;
    const target = h.volume(p.sizeBytes);
    await step(what, async () => {
      await h.restore(p.backupId, target, true);
      expectRestoredBytes(p, target.device);
      if (w.volumeMeta) expectVolumeMeta(w.volumeMeta, h.registry.getVolumeMeta(target.id));
    });
  }
  seen.push(`${w.points.length} point(s) restored byte-exact by ${release}${w.volumeMeta ? " with their volume metadata" : ""}`);
  for (const p of [...w.points].reverse())
    await step(`delete_backup ${p.backupId.slice(0, 8)} with ${release}`, () => h.deleteBackup(p.backupId));
  await step(`store after ${release} deleted every backup`, async () => expectNoObjects(await h.inspect()));
  seen.push(`deleted by ${release}: no object left`);
  return seen;
}
