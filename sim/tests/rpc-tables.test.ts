import { describe, expect, it } from "vitest";
import type { BackupService } from "../services/backup/backup-service.ts";
import { newCloud } from "./helpers/index.ts";
import { internalsOf } from "../cloud/testing.ts";

// The RPC tables (`*-rpcapi.ts`) type every cast and call: these lines must not compile.
export function wrongUsesAreTypeErrors(svc: BackupService): void {
  // @ts-expect-error -- no such method on cinder-volume's table
  svc.cast("h", "cinder-volume", "create_backup", { backup_id: "x" });
  // @ts-expect-error -- get_backup_device needs backup_host
  svc.cast("h", "cinder-volume", "get_backup_device", { backup_id: "x" });
  // @ts-expect-error -- reset_status only takes available or error
  svc.cast("h", "cinder-backup", "reset_status", { backup_id: "x", carried: { status: "available", service: null }, status: "creating" });
}

describe("typed RPC dispatch (oslo.messaging's dispatcher)", () => {
  it("a method missing from the consumer's table fails on arrival, traced, and nothing else runs", async () => {
    const cloud = await newCloud();
    const { state } = internalsOf(cloud);
    const backupHost = state.services.rows().find((r) => r.binary === "cinder-backup")!.host;
    const before = state.db.backups.all().length;
    state.bus.cast({ service: "test", host: "t" }, "cinder-backup", backupHost, "bogus_method", {});
    await cloud.settle();
    const failed = cloud.trace.entries().filter((e) => e.kind === "error" && e.service === "cinder-backup" && e.host === backupHost);
    expect(failed.map((e) => e.what)).toEqual(["bogus_method failed: cinder-backup: unknown RPC method bogus_method"]);
    expect(state.db.backups.all()).toHaveLength(before);
  });
});
