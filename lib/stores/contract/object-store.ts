/**
 * Where backup objects live: the one small interface every store implements (in-memory,
 * posix directory, Swift, S3, GCS). Containers are cinder's `container` (posix sub-directory,
 * Swift container, S3/GCS bucket). Object names are cinder's (`<prefix>-00001`, `<prefix>_metadata`).
 */
export interface ObjectStore {
  /** Short kind: `memory`, `posix`, `swift`, `s3`, `gcs`. */
  readonly kind: string;
  /** Creates the container if missing (`put_container`). */
  ensureContainer(container: string): Promise<void>;
  putObject(container: string, name: string, data: Uint8Array): Promise<void>;
  /** Throws `ObjectNotFoundError` when absent. The bytes are the caller's: the store never changes them later (a copy or a fresh read). */
  getObject(container: string, name: string): Promise<Uint8Array>;
  /** Names under `prefix`, sorted. An absent container lists nothing. */
  listObjects(container: string, prefix?: string): Promise<string[]>;
  /** Deletes; an absent object is not an error (cinder's `delete_object` tolerance, HEAD). */
  deleteObject(container: string, name: string): Promise<void>;
  /** Containers present (for `store ls` and the "store is empty" checks). */
  listContainers(): Promise<string[]>;
}

/**
 * Optional store extension: `putObject` of bytes the caller hands over (neither it nor anyone else
 * changes them afterwards), which the store may keep without a copy. The memory store implements it
 * (its copies are a fifth of a chaos run's ArrayBuffers); same effect as `putObject`.
 */
export interface HandOverObjectStore extends ObjectStore {
  putObjectHandedOver(container: string, name: string, data: Uint8Array): Promise<void>;
}

export function canHandOver(store: ObjectStore): store is HandOverObjectStore {
  return typeof (store as Partial<HandOverObjectStore>).putObjectHandedOver === "function";
}

/**
 * Optional store hint: writes are local and cheap to redo (a file system), so a writer may store an
 * object before its final content is known and then rewrite or delete it. The backup writer uses it
 * to store a chunk that shows no sign of compressing raw while its deflate still runs
 * (`lib/format/pipeline/whole-chunk.ts`); the object ends with the same bytes either way.
 */
export interface EarlyWriteObjectStore extends ObjectStore {
  readonly earlyWrites: true;
}

export function canWriteEarly(store: ObjectStore): store is EarlyWriteObjectStore {
  return (store as Partial<EarlyWriteObjectStore>).earlyWrites === true;
}

/**
 * Optional store extension: `getObject` for a caller that never changes the bytes it gets (a
 * restore that decompresses them or hands them to the device): a store that never changes stored
 * bytes in place may hand out its own instead of a copy. The memory store implements it; same bytes
 * as `getObject`.
 */
export interface SharingObjectStore extends ObjectStore {
  getObjectShared(container: string, name: string): Promise<Uint8Array>;
}

export function canShare(store: ObjectStore): store is SharingObjectStore {
  return typeof (store as Partial<SharingObjectStore>).getObjectShared === "function";
}

export class ObjectNotFoundError extends Error {
  readonly code = "object-not-found";
  constructor(
    readonly container: string,
    readonly objectName: string,
  ) {
    super(`object ${container}/${objectName} not found`);
    this.name = "ObjectNotFoundError";
  }
}
