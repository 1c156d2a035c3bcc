// Stores: the object-store contract, the in-memory store (with faults), the posix store, the
// Ceph pool access of the RBD layout, and the one store-URL parser and factory. The networked
// clients (Swift, S3, GCS) load on demand through `openStore`, so a caller that only needs memory
// or posix never loads an HTTP client; tests import them from their folders.
export * from "./contract/index.ts";
export * from "./memory/memory-object-store.ts";
export * from "./memory/store-faults.ts";
export * from "./posix/posix-object-store.ts";
export * from "./url/store-url.ts";
export * from "./url/open-store.ts";
export * from "./rbd/index.ts";
export * from "./posix/store-not-found.ts";
