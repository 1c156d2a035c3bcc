/**
 * Faults a MemoryObjectStore can be told to inject. All deterministic: counted by operation, never by
 * time or chance (draw the numbers from a named Prng stream in the caller if they should vary).
 */
export type StoreOp = "ensureContainer" | "putObject" | "getObject" | "listObjects" | "deleteObject" | "listContainers";

/** Fails the `nth` (1-based, counted from injection) operation of `op` (or of any op), `times` times in a row. */
export interface TransientFault {
  op: StoreOp | "any";
  nth: number;
  times?: number;
  /** Only operations on this container / object name count. */
  container?: string;
  name?: string;
  message?: string;
}

/** A store operation that failed on purpose; retry-able like a 503. */
export class TransientStoreError extends Error {
  readonly code = "store-transient";
  constructor(
    readonly op: StoreOp,
    message: string,
  ) {
    super(message);
    this.name = "TransientStoreError";
  }
}

export interface StoreOpInfo {
  op: StoreOp;
  container?: string;
  name?: string;
  /** Bytes moved by the operation (put/get). */
  bytes?: number;
}

/** Called before every operation and awaited: inject slowness (e.g. spend virtual time) or count calls. */
export type StoreOpHook = (info: StoreOpInfo) => void | Promise<void>;
