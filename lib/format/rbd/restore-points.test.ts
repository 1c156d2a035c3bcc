import { describe, expect, it } from "vitest";
import { parseBackupSnapName } from "./rbd-names.ts";
import { restorePointsOnImage } from "./restore-points.ts";

const snap = (name: string) => ({ snapshot: name, ...parseBackupSnapName(name)! });
const base = { pool: "backups", volumeId: "v1", baseImage: "volume-v1.backup.b1" };

describe("restorePointsOnImage (ceph.py: restore points on one base image)", () => {
  it("orders by the time.time() stamp numerically, each one's parent the one before", () => {
    const points = restorePointsOnImage(
      base,
      [snap("backup.b3.snap.100.5"), snap("backup.b1.snap.9.25"), snap("backup.b2.snap.10.0")],
      new Map([
        ["backup.b1.snap.9.25", 1024],
        ["backup.b2.snap.10.0", 2048],
      ]),
    );
    expect(points.map((p) => [p.backupId, p.parentId, p.sizeBytes])).toEqual([
      ["b1", null, 1024],
      ["b2", "b1", 2048],
      ["b3", "b2", 0],
    ]);
    expect(points[0]).toMatchObject({
      ...base,
      kind: "diff",
      snapshot: "backup.b1.snap.9.25",
      timestamp: "9.25",
      extraSnapshots: [],
      restorePointMissing: false,
    });
  });

  it("a second snapshot of one id is an extra snapshot, not a restore point (_get_backup_snap_name raises on it)", () => {
    const points = restorePointsOnImage(base, [snap("backup.b1.snap.1"), snap("backup.b2.snap.2"), snap("backup.b1.snap.3")], new Map());
    expect(points.map((p) => p.backupId)).toEqual(["b1", "b2"]);
    expect(points[0]!.extraSnapshots).toEqual(["backup.b1.snap.3"]);
    expect(points[1]!.parentId).toBe("b1");
  });

  it("no snapshots, no restore points", () => {
    expect(restorePointsOnImage(base, [], new Map())).toEqual([]);
  });
});
