import { describe, expect, it } from "vitest";
import { BackupRestoreCancel } from "./cinder-errors.ts";
import { isBackupRestoreCancel } from "./restore-cancel.ts";

describe("isBackupRestoreCancel (cinder/exception.py BackupRestoreCancel, by name)", () => {
  it("recognises our class, any class named BackupRestoreCancel, and the documented code marker", () => {
    class Mine extends Error {
      override name = "BackupRestoreCancel";
    }
    expect(isBackupRestoreCancel(new BackupRestoreCancel())).toBe(true);
    expect(isBackupRestoreCancel(new Mine())).toBe(true);
    expect(isBackupRestoreCancel(Object.assign(new Error("x"), { code: "BackupRestoreCancel" }))).toBe(true);
    expect(isBackupRestoreCancel({ name: "BackupRestoreCancel", message: "plain object from another thread" })).toBe(true);
  });
  it("nothing else", () => {
    expect(isBackupRestoreCancel(new Error("BackupRestoreCancel"))).toBe(false);
    expect(isBackupRestoreCancel("BackupRestoreCancel")).toBe(false);
    expect(isBackupRestoreCancel(null)).toBe(false);
  });
});
