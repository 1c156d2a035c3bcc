import type { ObjectStore } from "../../../lib/stores/index.ts";
import { defineRule } from "../rule.ts";
import { RuleViolation } from "../rule-violation.ts";
import { expectSameBytes } from "../support/expect-device.ts";
import { fillPattern } from "../support/volume-patterns.ts";

// spec §9 #30: a data object deleted from the store → restore fails (volume error_restoring);
// a driver may also restore correctly from redundancy, but never "succeed" with wrong bytes
export default defineRule({
  id: "restore.missing-object-fails",
  title: "A restore with a data object missing from the store fails or restores the right bytes, never wrong ones",
  source: "backup/chunkeddriver.py:_restore_v1 (actual object list does not match object list stored in metadata)",
  async run(t) {
    const h = await t.harness();
    const vol = h.volume(4 * t.dut.geometry.objectSize);
    fillPattern(vol.device, "random", 0, vol.device.sizeBytes, 191);
    const before = await h.objects();
    const b = await h.backup(vol);
    const data = (await h.objects()).filter((o) => !before.includes(o) && !/_(metadata|sha256file)$/.test(o));
    const victim = data[Math.floor(data.length / 2)];
    if (!victim) throw new RuleViolation("the backup stored no data object", "≥ 1 data object", "0");
    await deleteByPath(h.rawStore, victim);
    const target = h.volume(vol.device.sizeBytes);
    try {
      await h.restore(b.id, target, true);
    } catch {
      return; // failed, as cinder does
    }
    expectSameBytes(`restore "succeeded" although ${victim.split("/").pop()} was deleted`, vol.device, target.device);
  },
});

async function deleteByPath(store: ObjectStore, path: string): Promise<void> {
  const c = (await store.listContainers()).filter((x) => path.startsWith(`${x}/`)).sort((a, b) => b.length - a.length)[0]!;
  await store.deleteObject(c, path.slice(c.length + 1));
}
