import { createHash } from "node:crypto";
import type { ServedCloud } from "../served-cloud.ts";

/**
 * A small in-memory stand-in for the simulated cloud, for unit tests of the HTTP layer alone
 * (identity, routing, limits, the sim API). Records the calls the server makes.
 */
export function fakeCloud(): ServedCloud & { calls: string[]; volumes: Map<string, Uint8Array> } {
  let now = Date.UTC(2026, 0, 1);
  const calls: string[] = [];
  const volumes = new Map<string, Uint8Array>([["11111111-1111-4111-8111-111111111111", new Uint8Array(4096)]]);
  const ctx = (user: string, projectId: string) => ({
    userId: `${user}-user-id`,
    projectId,
    roles: user === "admin" ? ["admin"] : ["member"],
    isAdmin: user === "admin",
    microversion: { major: 3, minor: 0 },
    requestId: "req-fake",
  });
  const cloud = {
    calls,
    volumes,
    context: (user: unknown) => (user === "admin" ? ctx("admin", "a".repeat(32)) : ctx("demo", "d".repeat(32))),
    settle: async () => {
      calls.push("settle");
    },
    advance: async (ms: number) => {
      calls.push(`advance ${ms}`);
      now += ms;
    },
    now: () => now,
    devices: {
      write: (id: string, offset: number, data: Uint8Array) => {
        const dev = volumes.get(id);
        if (!dev) throw new Error("no device");
        if (offset + data.length > dev.length) throw new RangeError(`write beyond the end of the device (${dev.length} bytes)`);
        dev.set(data, offset);
        calls.push(`write ${id} ${offset} ${data.length}`);
      },
      read: (id: string, offset: number, length: number) => (volumes.get(id) ?? new Uint8Array()).slice(offset, offset + length),
      sha256: (id: string) => {
        const dev = volumes.get(id) ?? new Uint8Array();
        return { sha256: createHash("sha256").update(dev).digest("hex"), size: dev.length };
      },
      fill: () => undefined,
    },
    faults: {
      dbLoss: () => {
        calls.push("dbLoss");
      },
      stopService: (b: string, h: string) => {
        calls.push(`stop ${b} ${h}`);
      },
      startService: async (b: string, h: string) => {
        calls.push(`start ${b} ${h}`);
      },
      restartService: async () => undefined,
    },
    trace: { entries: () => [], jsonl: () => '{"seq":0}\n{"seq":1}\n', hash: () => "0" },
    db: {
      volume: (id: string) => (volumes.has(id) ? ({ id, deleted: false } as never) : undefined),
      services: () => [{ binary: "cinder-backup", host: "backup-az1" } as never],
    },
  };
  return cloud as unknown as ServedCloud & { calls: string[]; volumes: Map<string, Uint8Array> };
}
