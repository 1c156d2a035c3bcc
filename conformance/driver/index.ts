/** The driver protocol of the conformance suite and the driver-level harness. */
export type { BackupDriver, DriverCapabilities, DriverContext } from "../../sim/driver/backup-driver.ts";
export type { VolumeFile } from "../../lib/format/index.ts";
export * from "./driver-under-test.ts";
export * from "./driver-harness.ts";
export * from "./driver-registry.ts";
export * from "./module-driver.ts";
export * from "./reference-driver.ts";
export * from "./sparse-device.ts";
export * from "./fake-volume-file.ts";
export * from "./backup-registry.ts";
export * from "./harness-driver-context.ts";
export * from "./recording-object-store.ts";
export * from "./trace-recorder.ts";
export * from "./store-inspector.ts";
