export * from "./chunked-backup-driver.ts";
export * from "./chunked-config.ts";
export * from "./chunked-errors.ts";
export * from "./chunked-progress.ts";
export * from "./memory-driver-context.ts";
