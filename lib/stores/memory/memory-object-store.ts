import { plainBytes, type ByteAllocator } from "../../format/index.ts";
import { ObjectNotFoundError, type ObjectStore } from "../contract/object-store.ts";
import { TransientStoreError, type StoreOp, type StoreOpHook, type StoreOpInfo, type TransientFault } from "./store-faults.ts";

/** One stored object, for listings and "store is empty" checks. */
export interface StoredObject {
  container: string;
  name: string;
  size: number;
}

interface ArmedFault extends TransientFault {
  seen: number;
  left: number;
}

/**
 * Deterministic in-memory ObjectStore (containers of named byte arrays) with injectable faults:
 * lost objects, flipped bytes, transient errors on the Nth operation, and a hook awaited before every
 * operation (slowness). Data is copied in and out, so callers can never alias stored bytes.
 */
export class MemoryObjectStore implements ObjectStore {
  readonly kind = "memory";
  readonly #containers = new Map<string, Map<string, Uint8Array>>();
  #faults: ArmedFault[] = [];
  #hook: StoreOpHook | undefined;
  #ops = 0;
  readonly #bytes: ByteAllocator;

  /** `bytes`: where stored copies come from (a chaos run's `ByteArena`; default: a buffer each). */
  constructor(options: { onOperation?: StoreOpHook; bytes?: ByteAllocator } = {}) {
    this.#hook = options.onOperation;
    this.#bytes = options.bytes ?? plainBytes;
  }

  /** Operations served so far (all kinds). */
  get operationCount(): number {
    return this.#ops;
  }

  onOperation(hook: StoreOpHook | undefined): void {
    this.#hook = hook;
  }

  async ensureContainer(container: string): Promise<void> {
    await this.#enter({ op: "ensureContainer", container });
    if (!this.#containers.has(container)) this.#containers.set(container, new Map());
  }

  async putObject(container: string, name: string, data: Uint8Array): Promise<void> {
    await this.#put(container, name, data, true);
  }

  /** `putObject` without the copy: the caller hands `data` over and never changes it (HandOverObjectStore). */
  async putObjectHandedOver(container: string, name: string, data: Uint8Array): Promise<void> {
    await this.#put(container, name, data, false);
  }

  // Stored buffers are never changed in place (flipByte replaces the object with a changed copy), so one
  // handed over may be shared with its giver; getObject always hands out a copy. A pooled allocator
  // (ByteArena) takes a copy of what it does not own: the object then lives in reused memory and the
  // giver's buffer dies young.
  async #put(container: string, name: string, data: Uint8Array, copy: boolean): Promise<void> {
    await this.#enter({ op: "putObject", container, name, bytes: data.length });
    let c = this.#containers.get(container);
    if (!c) this.#containers.set(container, (c = new Map()));
    const b = this.#bytes;
    c.set(name, copy || (b.pooled && !b.owns(data)) ? b.copy(data) : data);
  }

  async getObject(container: string, name: string): Promise<Uint8Array> {
    return (await this.#get(container, name)).slice();
  }

  /** `getObject` without the copy, for a caller that never changes the bytes (SharingObjectStore). */
  async getObjectShared(container: string, name: string): Promise<Uint8Array> {
    return this.#get(container, name);
  }

  async #get(container: string, name: string): Promise<Uint8Array> {
    const data = this.#containers.get(container)?.get(name);
    await this.#enter({ op: "getObject", container, name, bytes: data?.length ?? 0 });
    if (!data) throw new ObjectNotFoundError(container, name);
    return data;
  }

  /** Size without reading (SizedObjectStore). */
  async objectSize(container: string, name: string): Promise<number> {
    const data = this.#containers.get(container)?.get(name);
    if (!data) throw new ObjectNotFoundError(container, name);
    return data.length;
  }

  async listObjects(container: string, prefix = ""): Promise<string[]> {
    await this.#enter({ op: "listObjects", container });
    const c = this.#containers.get(container);
    if (!c) return [];
    return [...c.keys()].filter((n) => n.startsWith(prefix)).sort();
  }

  async deleteObject(container: string, name: string): Promise<void> {
    await this.#enter({ op: "deleteObject", container, name });
    this.#containers.get(container)?.delete(name);
  }

  async listContainers(): Promise<string[]> {
    await this.#enter({ op: "listContainers" });
    return [...this.#containers.keys()].sort();
  }

  /** Every object of every container, sorted by container then name (no fault, no hook). */
  listAll(): StoredObject[] {
    const out: StoredObject[] = [];
    for (const container of [...this.#containers.keys()].sort()) {
      const c = this.#containers.get(container) as Map<string, Uint8Array>;
      for (const name of [...c.keys()].sort()) out.push({ container, name, size: (c.get(name) as Uint8Array).length });
    }
    return out;
  }

  /** True when no container holds an object (empty containers left behind count as empty, like posix dirs). */
  isEmpty(): boolean {
    for (const c of this.#containers.values()) if (c.size > 0) return false;
    return true;
  }

  /** Fault: the object disappears (no hook, no counting). Returns whether it existed. */
  loseObject(container: string, name: string): boolean {
    return this.#containers.get(container)?.delete(name) ?? false;
  }

  /** Fault: XOR one stored byte with `mask` (default 0xff). Throws RangeError when out of range. */
  flipByte(container: string, name: string, offset: number, mask = 0xff): void {
    const data = this.#containers.get(container)?.get(name);
    if (!data) throw new ObjectNotFoundError(container, name);
    if (!Number.isInteger(offset) || offset < 0 || offset >= data.length)
      throw new RangeError(`offset ${offset} outside ${name} (${data.length} bytes)`);
    const flipped = this.#bytes.copy(data); // never in place: a handed-over object may share its bytes
    flipped[offset] = (data[offset] as number) ^ (mask & 0xff || 0xff);
    this.#containers.get(container)!.set(name, flipped);
  }

  /** Fault: replace an object's bytes outright (hostile metadata in tests). */
  overwrite(container: string, name: string, data: Uint8Array): void {
    let c = this.#containers.get(container);
    if (!c) this.#containers.set(container, (c = new Map()));
    c.set(name, this.#bytes.copy(data));
  }

  /** Arms a transient fault; operations are counted from now. */
  failOn(fault: TransientFault): void {
    if (!Number.isInteger(fault.nth) || fault.nth < 1) throw new RangeError("nth must be an integer >= 1");
    this.#faults.push({ ...fault, seen: 0, left: fault.times ?? 1 });
  }

  clearFaults(): void {
    this.#faults = [];
  }

  async #enter(info: StoreOpInfo): Promise<void> {
    this.#ops++;
    if (this.#hook) await this.#hook(info);
    for (const f of this.#faults) {
      if (!matches(f, info.op, info.container, info.name) || f.left <= 0) continue;
      f.seen++;
      if (f.seen >= f.nth) {
        f.left--;
        throw new TransientStoreError(info.op, f.message ?? `injected transient failure of ${info.op} #${f.seen}`);
      }
    }
  }
}

function matches(f: TransientFault, op: StoreOp, container?: string, name?: string): boolean {
  if (f.op !== "any" && f.op !== op) return false;
  if (f.container !== undefined && f.container !== container) return false;
  if (f.name !== undefined && f.name !== name) return false;
  return true;
}
