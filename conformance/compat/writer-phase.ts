import { encodeBackupRecord } from "../../sim/services/backup/backup-record-codec.ts";
import { DriverHarness } from "../driver/driver-harness.ts";
import type { DriverUnderTest } from "../driver/driver-under-test.ts";
import { volumeMetaBlob } from "../rules/metadata/volume-metadata-round-trips.ts";
import { changeVolume, fillVolume, volumeBytes } from "./case-volume.ts";
import { expectCompressedWith, step } from "./compat-checks.ts";
import type { CompatCase } from "./compat-cases.ts";

/** A restore point: a backup and the sha256 of the volume it captured. */
export interface RestorePoint {
  backupId: string;
  sha256: string;
  sizeBytes: number;
}

/** `export_record`'s `backup_url` of one backup (parent first in `WrittenSet.records`). */
export interface ExportedRecord {
  backupId: string;
  backupService: string;
  backupUrl: string;
}

/** What the writing release left: its database and store, the points to restore, the records. */
export interface WrittenSet {
  harness: DriverHarness;
  points: RestorePoint[];
  volumeMeta: string | null;
  records: ExportedRecord[];
  /** What the writer phase saw (the compression its objects carry). */
  observed: string[];
}

/**
 * The writing release's backup service: a full backup and the case's incrementals (each after a
 * change), the volume's metadata blob when the case has one, and the exported records
 * (manager.py:export_record: `backup.encode_record(driver_info=driver.export_record(backup))`).
 */
export async function writePhase(writer: DriverUnderTest, release: string, c: CompatCase, seed: number): Promise<WrittenSet> {
  const h = await step(`open ${release}'s driver`, () => DriverHarness.open(writer, seed, { compression: c.compression }));
  try {
    const vol = h.volume(volumeBytes(c.volume, writer.geometry.objectSize));
    fillVolume(vol.device, c.volume, writer.geometry.objectSize, seed);
    const volumeMeta = c.volumeMeta ? volumeMetaBlob(vol.id) : null;
    if (volumeMeta) h.registry.putVolumeMeta(vol.id, volumeMeta);
    const points: RestorePoint[] = [];
    const total = c.incrementals + 1;
    for (let n = 0; n < total; n++) {
      if (n > 0) changeVolume(vol.device, c.volume, writer.geometry.objectSize, n - 1, seed);
      const label = n === 0 ? "full backup" : `incremental ${n}/${c.incrementals}`;
      const row = await step(`${label} with ${release}`, () => h.backup(vol, { incremental: n > 0 }));
      points.push({ backupId: row.id, sha256: vol.device.sha256(), sizeBytes: vol.device.sizeBytes });
    }
    const observed: string[] = [];
    // chunked drivers only: Ceph's store has no _metadata objects to read compression from
    if (c.needs.some((n) => typeof n === "object") && writer.format)
      observed.push(
        `${release} wrote ${await step(`${release}'s objects`, async () => expectCompressedWith(c.compression, await h.inspect()))}`,
      );
    const records: ExportedRecord[] = [];
    if (c.records)
      for (const p of points) {
        const row = h.registry.get(p.backupId)!;
        const info = await step(`export_record of ${p.backupId.slice(0, 8)} with ${release}`, () => h.driver.exportRecord(row));
        records.push({ backupId: row.id, backupService: row.service ?? "", backupUrl: encodeBackupRecord(row, info) });
      }
    return { harness: h, points, volumeMeta, records, observed };
  } catch (e) {
    await h.close();
    throw e;
  }
}
