import { defineRule } from "../rule.ts";
import { describeObjects } from "../support/describe-objects.ts";
import { expectEqual, RuleViolation } from "../rule-violation.ts";
import { fillPattern } from "../support/volume-patterns.ts";

// interface/backup_driver.py + driver.py: delete_backup must tolerate objects already missing (spec §5.5)
export default defineRule({
  id: "delete.tolerates-missing-objects",
  title: "delete_backup succeeds when some of the backup's objects are already gone, and removes the rest",
  source: "backup/chunkeddriver.py:delete_backup; posix.py/swift.py delete_object (404 tolerated)",
  async run(t) {
    const h = await t.harness();
    const vol = h.volume(3 * t.dut.geometry.objectSize);
    fillPattern(vol.device, "random", 0, vol.device.sizeBytes, 31);
    const before = await h.objects();
    const b = await h.backup(vol);
    const mine = (await h.objects()).filter((o) => !before.includes(o));
    if (mine.length < 2) throw new RuleViolation("backup wrote fewer than 2 objects", "≥ 2 objects", `${mine.length}`);
    const victim = mine[Math.floor(mine.length / 2)]!;
    const slash = victim.lastIndexOf("/");
    const [container, name] = findSplit(await h.rawStore.listContainers(), victim) ?? [victim.slice(0, slash), victim.slice(slash + 1)];
    await h.rawStore.deleteObject(container, name);
    try {
      await h.deleteBackup(b.id);
    } catch (e) {
      throw new RuleViolation(
        "delete_backup failed because an object was already missing",
        "delete succeeds",
        `raised ${(e as Error).message}`,
      );
    }
    expectEqual("objects left after delete", "no object", describeObjects((await h.objects()).filter((o) => !before.includes(o))));
  },
});

/** Splits `container/name` where the container itself may contain slashes (posix `ab/cd/<id>`). */
function findSplit(containers: string[], full: string): [string, string] | null {
  const c = containers.filter((x) => full.startsWith(`${x}/`)).sort((a, b) => b.length - a.length)[0];
  return c === undefined ? null : [c, full.slice(c.length + 1)];
}
