import { defineRule } from "../rule.ts";
import { expectEqual, RuleViolation } from "../rule-violation.ts";
import { fillPattern } from "../support/volume-patterns.ts";

/** A `BackupMetadataAPI` version-2 blob (spec §7.8) with non-ASCII text and glance metadata. */
export function volumeMetaBlob(volumeId: string): string {
  return JSON.stringify({
    version: 2,
    "volume-base-metadata": {
      id: volumeId,
      display_name: "vol-ünïcode ✓",
      display_description: "db tier",
      encryption_key_id: null,
      size: 1,
    },
    "volume-metadata": [
      { key: "tier", value: "gold" },
      { key: "owner", value: "ops" },
    ],
    "volume-glance-metadata": [{ key: "os_distro", value: "debian" }],
  });
}

// driver.py:BackupMetadataAPI.get/put; chunkeddriver.py stores volume_meta and applies it after each restore
export default defineRule({
  id: "metadata.volume-metadata-round-trips",
  title: "The volume metadata saved at backup time is put back, unchanged, on the restored volume",
  source: "backup/driver.py:BackupMetadataAPI; chunkeddriver.py:_backup_metadata, _restore_v1 put_metadata",
  async run(t) {
    const h = await t.harness();
    const vol = h.volume(t.dut.geometry.objectSize + 1);
    fillPattern(vol.device, "text", 0, vol.device.sizeBytes, 91);
    const blob = volumeMetaBlob(vol.id);
    h.registry.putVolumeMeta(vol.id, blob);
    const b = await h.backup(vol);
    h.registry.putVolumeMeta(vol.id, JSON.stringify({ version: 2, "volume-metadata": [{ key: "changed", value: "later" }] }));
    const target = h.volume(vol.device.sizeBytes);
    await h.restore(b.id, target, true);
    const got = h.registry.getVolumeMeta(target.id);
    if (got === null) throw new RuleViolation("restore did not put the volume metadata on the target", blob, "nothing");
    expectEqual(
      "volume metadata put on the restored volume (parsed JSON)",
      JSON.stringify(JSON.parse(blob)),
      JSON.stringify(JSON.parse(got)),
    );
  },
});
