import { defineRule } from "../rule.ts";
import { expectEqual } from "../rule-violation.ts";
import { backupStatus, volumeStatus, volumeWithData } from "../support/cloud-steps.ts";

// guide §3.5.2 / spec §9 #58, #62: export every record, lose the database, import every record, restore
export default defineRule({
  id: "cloud.db-loss-import-every-record",
  title: "After database loss, importing every exported record lets the newest incremental restore byte-exact",
  source: "backup/api.py:export_record, import_record; backup/manager.py:import_record",
  requires: ["exportImport", "incremental"],
  setup: ["cloud"],
  async run(t) {
    const cloud = await t.cloud();
    const { ctx, volumeId } = await volumeWithData(cloud, 4);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      if (i > 0) cloud.devices.write(volumeId, i * 300_000, new Uint8Array(5000).fill(i));
      ids.push((await cloud.ops.backups.create(ctx, { volume_id: volumeId, incremental: i > 0 })).id);
      await cloud.settle();
      expectEqual(`backup ${i} status`, "available", backupStatus(cloud, ids[i]!));
    }
    const want = cloud.devices.sha256(volumeId);
    const records = [];
    for (const id of ids) records.push(await cloud.ops.backups.exportRecord(ctx, id));
    cloud.faults.dbLoss();
    for (const r of records) await cloud.ops.backups.importRecord(ctx, r.backup_service, r.backup_url);
    await cloud.settle();
    for (const id of ids) expectEqual(`imported backup ${id.slice(0, 8)} status`, "available", backupStatus(cloud, id));
    const res = await cloud.ops.backups.restore(ctx, ids[2]!, {});
    await cloud.settle();
    expectEqual("restored volume status", "available", volumeStatus(cloud, res.volume_id));
    expectEqual("restored volume content", JSON.stringify(want), JSON.stringify(cloud.devices.sha256(res.volume_id)));
  },
});
