import { describe, expect, it } from "vitest";
import type { MemoryObjectStore } from "../../lib/stores/memory/memory-object-store.ts";
import { deleteAllBackups, newCloud, objectsOf, restoreMismatches, runOps, storedObjects } from "./helpers/index.ts";
import { internalsOf } from "../cloud/testing.ts";

// The property checks are not vacuous: each one reports a broken cloud.
describe("property checks catch a broken cloud", () => {
  it("a flipped byte in a stored data object makes the byte-exact restore check fail", async () => {
    const cloud = await newCloud();
    const rec = await runOps(cloud, []);
    expect(await restoreMismatches(cloud, rec.captured)).toEqual([]);
    const b = cloud.db.backups().find((x) => !x.deleted && !x.encryption_key_id)!;
    const obj = objectsOf(cloud, b.id).find((o) => /-00001$/.test(o.name))!;
    (cloud.objectStore as MemoryObjectStore).flipByte(obj.container, obj.name, 10);
    const problems = await restoreMismatches(cloud, rec.captured);
    expect(problems).toContainEqual({ code: "restore-not-byte-exact", subject: b.id, message: `restore of ${b.id} is not byte-exact` });
  });

  it("a backup the API never accepted is reported", async () => {
    const cloud = await newCloud();
    const rec = await runOps(cloud, []);
    const forgotten = [...rec.captured.keys()][0]!;
    rec.captured.delete(forgotten);
    expect(await restoreMismatches(cloud, rec.captured)).toContainEqual({
      code: "never-accepted",
      subject: forgotten,
      message: `available backup ${forgotten} was never accepted by the API`,
    });
  });

  it("an object the drivers did not write survives deleting every backup and is seen", async () => {
    const cloud = await newCloud();
    await runOps(cloud, []);
    await cloud.objectStore.putObject("stray", "left-behind", new Uint8Array([1]));
    expect(await deleteAllBackups(cloud)).toEqual([]);
    expect(storedObjects(cloud).map((o) => o.name)).toEqual(["left-behind"]);
  });

  it("a quota usage edited behind the model's back is reported as drift", async () => {
    const cloud = await newCloud();
    await runOps(cloud, []);
    expect(cloud.inspect.invariants()).toEqual([]);
    internalsOf(cloud).state.quotas.usage(cloud.users.demo.projectId, "backups").in_use += 1;
    expect(cloud.inspect.invariants().map((v) => v.code)).toContain("quota-drift");
  });
});
