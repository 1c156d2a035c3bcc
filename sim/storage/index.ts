export * from "./object-store.ts";
export * from "./memory-object-store.ts";
export * from "./store-faults.ts";
