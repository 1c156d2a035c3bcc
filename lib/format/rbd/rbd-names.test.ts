import { describe, expect, it } from "vitest";
import {
  backupBaseName,
  backupMetadataObject,
  checkRbdName,
  newBackupSnapName,
  parseBackupImageName,
  parseBackupSnapName,
} from "./rbd-names.ts";

const vol = "c7c85555-e1b1-424d-90ff-7b0afc39422c";
const bak = "b4547d86-5f59-463c-bc3d-2238028d49bd";

describe("Ceph backup names (ceph.py)", () => {
  it("names base images, snapshots and the metadata object like cinder", () => {
    expect(backupBaseName(vol, bak)).toBe(`volume-${vol}.backup.${bak}`);
    expect(backupBaseName(vol)).toBe(`volume-${vol}.backup.base`);
    expect(newBackupSnapName(bak, 1764138600.123456)).toBe(`backup.${bak}.snap.1764138600.123456`);
    expect(backupMetadataObject(bak)).toBe(`backup.${bak}.meta`);
  });

  it("parses them back, and ignores foreign names", () => {
    expect(parseBackupSnapName(`backup.${bak}.snap.1764138600.5`)).toEqual({ backupId: bak, timestamp: "1764138600.5" });
    expect(parseBackupSnapName("snap1")).toBeUndefined();
    expect(parseBackupSnapName(`backup.${bak.toUpperCase()}.snap.1`)).toBeUndefined();
    expect(parseBackupImageName(`volume-${vol}.backup.${bak}`)).toEqual({ volumeId: vol, backupId: bak });
    expect(parseBackupImageName(`volume-${vol}.backup.base`)).toEqual({ volumeId: vol });
    expect(parseBackupImageName(`volume-${vol}`)).toBeUndefined();
  });

  it("refuses names that would become flags or paths on the rbd command line", () => {
    for (const bad of ["-rf", "--pool=x", "a/b", "a@b", "a b", "", "x".repeat(251), "é"]) {
      expect(() => checkRbdName("image", bad)).toThrow(expect.objectContaining({ code: "invalid-store-name" }));
    }
    expect(checkRbdName("pool", "backups")).toBe("backups");
  });
});
