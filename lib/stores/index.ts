export * from "./contract/object-store.ts";
export * from "./memory/memory-object-store.ts";
export * from "./memory/store-faults.ts";
