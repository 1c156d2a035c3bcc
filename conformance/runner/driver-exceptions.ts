import type { BackupDriver } from "../../sim/driver/backup-driver.ts";
import { isBackupRestoreCancel } from "../../sim/errors/restore-cancel.ts";
import type { DriverUnderTest } from "../driver/driver-under-test.ts";
import { DRIVER_METHODS } from "../driver/load/driver-export.ts";

/** An exception a driver method raised, as every report shows it. */
export interface DriverException {
  /** The BackupDriver method it came from (`backup`, `restore`, `deleteBackup`, …). */
  method: string;
  name: string;
  message: string;
  stack?: string;
}

/**
 * Watches the drivers a rule builds: every exception a driver method raises is recorded with the
 * method (BackupRestoreCancel excepted: cinder's expected way to end a cancelled restore) and the
 * methods still running are known, so a failure or a timeout can name the driver's own error
 * instead of its consequence (a backup in `error` the rule then waits out).
 */
export class DriverExceptionLog {
  readonly exceptions: DriverException[] = [];
  readonly #running = new Map<string, number>();

  /** The DUT whose drivers report here (Proxies: the DUT and driver objects themselves are untouched). */
  watch(dut: DriverUnderTest): DriverUnderTest {
    return new Proxy(dut, {
      get: (target, prop) =>
        prop === "createDriver"
          ? (opts: Parameters<DriverUnderTest["createDriver"]>[0]) => this.#wrap(target.createDriver(opts))
          : bound(target, prop),
    });
  }

  /** Driver methods that have not returned (e.g. stuck when the rule timed out). */
  running(): string[] {
    return [...this.#running].filter(([, n]) => n > 0).map(([m]) => `${m}()`);
  }

  #wrap(driver: BackupDriver): BackupDriver {
    const methods: readonly string[] = DRIVER_METHODS;
    return new Proxy(driver, {
      get: (target, prop) => {
        const v: unknown = Reflect.get(target, prop, target);
        if (typeof prop !== "string" || !methods.includes(prop) || typeof v !== "function") return bound(target, prop);
        return async (...args: unknown[]) => {
          this.#running.set(prop, (this.#running.get(prop) ?? 0) + 1);
          try {
            return await (v as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          } catch (e) {
            this.#record(prop, e);
            throw e;
          } finally {
            this.#running.set(prop, this.#running.get(prop)! - 1);
          }
        };
      },
    });
  }

  #record(method: string, e: unknown): void {
    if (isBackupRestoreCancel(e)) return;
    const err = e instanceof Error ? e : null;
    const x: DriverException = { method, name: err?.name ?? "Error", message: err?.message ?? String(e) };
    if (err?.stack) x.stack = err.stack;
    this.exceptions.push(x);
    if (err && Object.isExtensible(err) && !("driverMethod" in err)) Object.assign(err, { driverMethod: method });
  }
}

/** A property read through a Proxy: methods bound to the real object (its #private fields work). */
function bound(target: object, prop: string | symbol): unknown {
  const v: unknown = Reflect.get(target, prop, target);
  return typeof v === "function" && prop !== "constructor" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
}

/** `Name in method(): message` — the one-line form reports lead with. */
export function describeDriverException(x: DriverException): string {
  return `${x.name} in ${x.method}(): ${x.message}`;
}
