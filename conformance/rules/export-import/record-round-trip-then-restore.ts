import { defineRule } from "../rule.ts";
import { expectSameBytes } from "../support/expect-device.ts";
import { fillPattern, mutate } from "../support/volume-patterns.ts";

// backup/api.py:export_record/import_record + manager.export_record/import_record (spec §3.5, §3.6)
export default defineRule({
  id: "export-import.record-round-trip-then-restore",
  title: "An exported record imported into a new database (fresh driver instance) restores byte-exact",
  source: "backup/manager.py:export_record, import_record; driver.py:export_record/import_record",
  requires: ["exportImport"],
  async run(t) {
    const h = await t.harness();
    const vol = h.volume(3 * t.dut.geometry.objectSize + 5);
    fillPattern(vol.device, "random", 0, vol.device.sizeBytes, 81);
    const chain = [await h.backup(vol)];
    if (t.dut.capabilities.incremental) {
      mutate(vol.device, 1000, 10, 82);
      chain.push(await h.backup(vol, { incremental: true }));
    }
    const exported = await Promise.all(chain.map(async (b) => ({ row: h.registry.get(b.id)!, info: await h.driver.exportRecord(b) })));
    // Database lost: every row forgotten, the store survives. A new backup service imports the records.
    const fresh = await h.reopen();
    for (const { row, info } of exported) {
      const imported = { ...JSON.parse(JSON.stringify(row)), status: "creating" as const };
      fresh.registry.insert(imported);
      await fresh.driver.importRecord(imported, JSON.parse(JSON.stringify(info)) as Record<string, unknown>);
      fresh.registry.update(row.id, { status: "available" });
    }
    const target = fresh.volume(vol.device.sizeBytes);
    await fresh.restore(chain[chain.length - 1]!.id, target, true);
    expectSameBytes("restore of the imported record", vol.device, target.device);
  },
});
