import { describe, expect, it } from "vitest";
import { describeEvent, eventSubjects } from "./trace-event.ts";

describe("trace events → the canonical `what`", () => {
  it("renders each structured event exactly as the canonical trace prints it", () => {
    expect(describeEvent({ type: "rpc", kind: "cast", topic: "cinder-backup", server: "site1", method: "create_backup" })).toBe(
      "cinder-backup.site1 create_backup",
    );
    expect(
      describeEvent({
        type: "rpc-dropped",
        kind: "cast",
        topic: "cinder-backup",
        server: "site2",
        method: "continue_backup",
        reason: "lost",
      }),
    ).toBe("dropped cast cinder-backup.site2 continue_backup: lost");
    expect(describeEvent({ type: "rpc-timeout", topic: "cinder-volume", server: "s@lvm", method: "initialize_connection" })).toBe(
      "MessagingTimeout cinder-volume.s@lvm initialize_connection",
    );
    expect(describeEvent({ type: "status", resource: "backup", id: "b", from: "creating", to: "error", note: "restart cleanup" })).toBe(
      "backup b creating → error (restart cleanup)",
    );
    expect(
      describeEvent({ type: "status", resource: "backup", id: "b", to: "error", reason: "Service not found for creating backup." }),
    ).toBe("backup b → error: Service not found for creating backup.");
    expect(describeEvent({ type: "deleted", resource: "backup", id: "b" })).toBe("backup b deleted");
    expect(describeEvent({ type: "driver", call: "restore", backupId: "b", volumeId: "v" })).toBe("driver.restore b → v");
    expect(describeEvent({ type: "notify", event: "create.end", backupId: "b" })).toBe("backup.create.end");
    expect(describeEvent({ type: "notify", event: "createprogress", backupId: "b", percent: 50 })).toBe("backup.createprogress b 50%");
    expect(describeEvent({ type: "database", change: "heartbeats-cut", host: "h" })).toBe("heartbeats from h no longer reach the database");
    expect(describeEvent({ type: "database", change: "heartbeats-back", host: "h" })).toBe("heartbeats from h reach the database again");
  });

  it("names the ids an event is about (RPC events name none: their arguments are not printed)", () => {
    expect(eventSubjects({ type: "driver", call: "restore", backupId: "b", volumeId: "v" })).toEqual(["b", "v"]);
    expect(
      eventSubjects({
        type: "status",
        resource: "volume",
        id: "v",
        to: "error",
        reason: "no backup service to restore backup b",
        related: ["b"],
      }),
    ).toEqual(["v", "b"]);
    expect(eventSubjects({ type: "notify", event: "create.end", backupId: "b" })).toEqual([]);
    expect(eventSubjects({ type: "rpc", kind: "call", topic: "t", server: "s", method: "m" })).toEqual([]);
  });
});
