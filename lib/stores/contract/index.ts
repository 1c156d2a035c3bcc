// The object-store contract: the interface every store implements and the errors stores throw.
// The lowest layer: lib/format reads and writes through it, every client in lib/stores implements it.
export * from "./object-store.ts";
export * from "./store-errors.ts";
