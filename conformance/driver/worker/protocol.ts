import type { DriverCapabilities } from "../../../sim/driver/backup-driver.ts";
import type { DriverGeometry, DriverUnderTest } from "../driver-under-test.ts";

/**
 * Messages between the harness (main thread) and a third-party driver running in a worker thread.
 * The driver's `store`, `volumeFile` and `DriverContext` stay on the main side; the worker calls
 * them by message ("up" calls) and every answer carries the virtual time (`now`), so the worker's
 * synchronous `ctx.now()` sees time move. Everything is structured-cloneable.
 */
export interface WorkerInit {
  path: string;
  exportName: string;
  spec: string;
}

/** An exception as it crosses the thread boundary: name, message, stack and cloneable own fields. */
export interface WireError {
  name: string;
  message: string;
  stack?: string;
  fields: Record<string, string | number | boolean | null>;
}

export type UpTarget = "store" | "file" | "ctx";

export type ToWorker =
  | { t: "create"; instance: number; host: string; config: Record<string, string | number | boolean>; storeKind: string }
  | {
      t: "call";
      id: number;
      instance: number;
      method: string;
      args: unknown[];
      file?: { sizeBytes: number };
      ctx?: { availabilityZone: string; now: number; canSave: boolean };
    }
  | { t: "up-result"; id: number; value: unknown; now?: number }
  | { t: "up-error"; id: number; error: WireError; now?: number };

export type FromWorker =
  | { t: "loaded"; kind: "class" | "factory" | "dut"; geometry?: DriverGeometry; format?: DriverUnderTest["format"] }
  | { t: "load-failed"; error: WireError; reason?: string }
  | { t: "created"; instance: number; name: string; capabilities: DriverCapabilities }
  | { t: "create-failed"; instance: number; error: WireError; reason?: string }
  | { t: "result"; id: number; value: unknown }
  | { t: "error"; id: number; error: WireError }
  /** id 0: fire and forget (`ctx.progress`). `call` is the driver call a file/ctx up-call belongs to; `instance` the driver whose store it uses. */
  | { t: "up"; id: number; target: UpTarget; call: number; instance: number; op: string; args: unknown[] };

/** Placeholders in `call.args` for the volume file and the driver context (which stay on the main side). */
export const FILE = "\u0000cbh:file";
export const CTX = "\u0000cbh:ctx";
