import type { DriverContext } from "../../../sim/driver/backup-driver.ts";
import type { BackupRow } from "../../../sim/db/rows.ts";
import { DriverProcessError } from "./driver-process-error.ts";
import { RPC_ERRORS } from "./messages.ts";
import { RpcProcess, type DriverCommand } from "./rpc-process.ts";
import type { WrittenRange } from "./shared-volume-files.ts";

/** The fields a driver may `backup.save()` while it runs (chunkeddriver `_prepare_backup`, `_finalize_backup`). */
const SAVABLE = ["container", "service_metadata", "object_count"] as const;

/**
 * A driver process shared by every driver instance of one driver under test. Calls carry a
 * `context` token; the driver's callbacks name it, so each reaches the DriverContext of the
 * harness call it belongs to. A process that failed is replaced on the next call (the failure
 * was reported to the call that saw it).
 */
export class DriverSession {
  #proc: RpcProcess | null = null;
  readonly #contexts = new Map<string, { ctx: DriverContext; onWritten?: ((ranges: WrittenRange[]) => void) | undefined }>();
  #tokens = 0;
  #running = 0;
  #idle: NodeJS.Timeout | null = null;

  /**
   * `idleMs`: an idle process is stopped after this long (the next call starts a new one), so a
   * run over many drivers keeps about one driver process alive at a time.
   */
  constructor(
    readonly cmd: DriverCommand,
    readonly timeoutMs = 60_000,
    readonly idleMs = 5_000,
  ) {}

  get process(): RpcProcess | null {
    return this.#proc;
  }

  /**
   * Calls `method`; `ctx` (when given) serves the driver's callbacks for the duration of the call;
   * `onWritten` receives the volume-file ranges a restore's `backup.refresh` reports.
   */
  async call<T>(
    method: string,
    params: Record<string, unknown>,
    ctx?: DriverContext,
    timeoutMs = this.timeoutMs,
    onWritten?: (ranges: WrittenRange[]) => void,
  ): Promise<T> {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    if (!this.#proc?.alive) {
      await this.#proc?.close();
      this.#proc = new RpcProcess(this.cmd, (m, p) => this.#callback(m, p));
    }
    const token = `c${++this.#tokens}`;
    if (ctx) this.#contexts.set(token, { ctx, onWritten });
    this.#running++;
    try {
      return await this.#proc.call<T>(method, { ...params, context: token, ...(ctx ? { now: ctx.now() } : {}) }, timeoutMs);
    } finally {
      this.#contexts.delete(token);
      if (--this.#running === 0) this.#startIdleTimer();
    }
  }

  #startIdleTimer(): void {
    const proc = this.#proc;
    this.#idle = setTimeout(() => {
      if (this.#running !== 0 || this.#proc !== proc) return;
      // Forget it before it exits: a call arriving while it closes starts a fresh process.
      this.#proc = null;
      void proc?.close();
    }, this.idleMs);
    this.#idle.unref();
  }

  async close(): Promise<void> {
    if (this.#idle) clearTimeout(this.#idle);
    await this.#proc?.close();
  }

  async #callback(method: string, p: Record<string, unknown>): Promise<unknown> {
    const running = this.#contexts.get(String(p["context"]));
    if (!running) throw rpcError(RPC_ERRORS.invalidParams, `callback ${method} names no running call (context ${String(p["context"])})`);
    const { ctx } = running;
    const id = String(p["id"] ?? p["backup_id"] ?? "");
    switch (method) {
      case "backup.refresh": {
        // A restore's refresh carries the ranges the driver wrote since the last one (optional).
        const written = p["written"];
        if (Array.isArray(written)) running.onWritten?.(writtenRanges(written));
        return { backup: await ctx.refreshBackup(id) };
      }
      case "backup.get_by_id":
        return { backup: await ctx.getBackup(id) };
      case "backup.save": {
        const values = (p["values"] ?? {}) as Record<string, unknown>;
        const picked: Partial<Pick<BackupRow, (typeof SAVABLE)[number]>> = {};
        for (const k of SAVABLE) if (k in values) (picked as Record<string, unknown>)[k] = values[k];
        if (Object.keys(picked).length) await ctx.saveBackup?.(id, picked);
        return {};
      }
      case "volume_meta.get":
        return { json: await ctx.getVolumeMeta(String(p["volume_id"])) };
      case "volume_meta.put":
        await ctx.putVolumeMeta(String(p["volume_id"]), String(p["json"]));
        return {};
      case "progress":
        ctx.progress(id, Number(p["percent"]));
        return {};
      default:
        throw rpcError(RPC_ERRORS.methodNotFound, `unknown callback '${method}'`);
    }
  }
}

/** `[[offset, length], …]` from the wire; anything else is dropped (the final import compares everything). */
function writtenRanges(raw: unknown[]): WrittenRange[] {
  return raw.filter(
    (r): r is [number, number] =>
      Array.isArray(r) && r.length === 2 && Number.isSafeInteger(r[0]) && Number.isSafeInteger(r[1]) && r[0] >= 0 && r[1] >= 0,
  );
}

function rpcError(code: number, message: string): Error {
  return Object.assign(new Error(message), { rpcCode: code });
}

export { DriverProcessError };
