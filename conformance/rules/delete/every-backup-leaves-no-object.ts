import { defineRule } from "../rule.ts";
import { describeObjects } from "../support/describe-objects.ts";
import { expectEqual } from "../rule-violation.ts";
import { fillPattern, mutate } from "../support/volume-patterns.ts";

// backup/chunkeddriver.py:delete_backup removes every object under the prefix (data, _metadata, _sha256file)
export default defineRule({
  id: "delete.every-backup-leaves-no-object",
  title: "Deleting every backup (children first) leaves no object in the store",
  source: "backup/chunkeddriver.py:ChunkedBackupDriver.delete_backup",
  async run(t) {
    const h = await t.harness();
    const size = 3 * t.dut.geometry.objectSize + 1;
    const a = h.volume(size),
      b = h.volume(size);
    fillPattern(a.device, "random", 0, size, 21);
    fillPattern(b.device, "text", 0, size, 22);
    const ids = [(await h.backup(a)).id, (await h.backup(b)).id];
    if (t.dut.capabilities.incremental) {
      mutate(a.device, 5, 5, 23);
      ids.push((await h.backup(a, { incremental: true })).id);
    }
    for (const id of ids.reverse()) await h.deleteBackup(id);
    const left = await h.inspect();
    expectEqual("objects left in the store after deleting every backup", "no object", describeObjects(left.objects));
    expectEqual(
      "backups still found in the store (format module)",
      "[]",
      JSON.stringify(left.backups.map((b) => `${b.metadata?.backup_id ?? "unparsable"} @ ${b.location}`)),
    );
  },
});
