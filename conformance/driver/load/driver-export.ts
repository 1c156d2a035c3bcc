import type { BackupDriver } from "../../../sim/driver/backup-driver.ts";
import type { DriverFactoryOptions, DriverGeometry, DriverUnderTest } from "../driver-under-test.ts";
import { DriverLoadError, describeThrown } from "./driver-load-error.ts";

/** cinder's `BackupDriver` methods (`cinder/interface/backup_driver.py`), as this harness names them. */
export const DRIVER_METHODS = ["checkForSetupError", "backup", "restore", "deleteBackup", "exportRecord", "importRecord"] as const;

/** What a driver module's export turned into: a factory plus the statics a class may declare. */
export interface DriverExport {
  kind: "class" | "factory";
  make: (opts: DriverFactoryOptions) => BackupDriver;
  geometry?: DriverGeometry;
  format?: DriverUnderTest["format"];
}

type WithStatics = { conformanceGeometry?: DriverGeometry; conformanceFormat?: DriverUnderTest["format"] };

/**
 * A class is recognised by its source (`class …`), not by methods on its prototype: a class whose
 * methods are arrow-function fields has none there, yet must be called with `new`.
 */
export function isClass(fn: unknown): boolean {
  if (typeof fn !== "function") return false;
  if (/^class[\s{]/.test(Function.prototype.toString.call(fn))) return true;
  const proto = (fn as { prototype?: Record<string, unknown> }).prototype;
  return !!proto && typeof proto["backup"] === "function"; // ES5-style constructor function
}

/** Classifies `mod[exportName]`; a ready DriverUnderTest object is returned as `dut`. */
export function driverExport(
  mod: Record<string, unknown>,
  exportName: string,
  where: string,
): DriverExport | { kind: "dut"; dut: DriverUnderTest } {
  const exp = mod[exportName];
  if (exp === undefined) {
    const names = Object.keys(mod).filter((k) => k !== "__esModule");
    throw new DriverLoadError("export-missing", `module ${where} has no export '${exportName}' (exports: ${names.join(", ") || "none"})`);
  }
  if (typeof exp === "object" && exp !== null && typeof (exp as DriverUnderTest).createDriver === "function")
    return { kind: "dut", dut: exp as DriverUnderTest };
  if (typeof exp !== "function") {
    throw new DriverLoadError(
      "not-a-driver",
      `export '${exportName}' of ${where} is a ${exp === null ? "null" : typeof exp}, not a BackupDriver class, a factory function or a DriverUnderTest`,
    );
  }
  const statics = exp as WithStatics;
  const cls = isClass(exp);
  const make = cls
    ? (o: DriverFactoryOptions) => new (exp as new (o: DriverFactoryOptions) => BackupDriver)(o)
    : (exp as (o: DriverFactoryOptions) => BackupDriver);
  return {
    kind: cls ? "class" : "factory",
    make,
    ...(statics.conformanceGeometry ? { geometry: statics.conformanceGeometry } : {}),
    ...(statics.conformanceFormat !== undefined ? { format: statics.conformanceFormat } : {}),
  };
}

/** Builds one instance and checks it is a BackupDriver; every failure is a `CBH_DRIVER_LOAD`. */
export function constructChecked(exp: DriverExport, opts: DriverFactoryOptions, spec: string): BackupDriver {
  let d: BackupDriver;
  try {
    d = exp.make(opts);
  } catch (e) {
    throw new DriverLoadError(
      "constructor-threw",
      `${exp.kind === "class" ? "new Driver({store, host, config})" : "the factory"} of ${spec} threw ${describeThrown(e)}`,
      { cause: e },
    );
  }
  if (typeof d !== "object" || d === null)
    throw new DriverLoadError("not-a-driver", `the factory of ${spec} returned ${d === null ? "null" : typeof d}, not a BackupDriver`);
  if (typeof (d as { then?: unknown }).then === "function")
    throw new DriverLoadError("not-a-driver", `the factory of ${spec} returned a Promise; return the driver itself`);
  const missing = DRIVER_METHODS.filter((m) => typeof d[m] !== "function");
  if (missing.length > 0)
    throw new DriverLoadError("missing-methods", `driver from ${spec} lacks ${missing.map((m) => `${m}()`).join(", ")} of BackupDriver`);
  if (!d.capabilities || typeof d.capabilities !== "object")
    throw new DriverLoadError("no-capabilities", `driver from ${spec} declares no capabilities (DriverCapabilities)`);
  return d;
}
