import { isSized } from "../../lib/format/index.ts";
import type { ObjectStore } from "../../lib/stores/index.ts";
import type { TraceRecorder } from "./trace-recorder.ts";

/** Wraps a store: records each call in the trace and counts the bytes written. */
export class RecordingObjectStore implements ObjectStore {
  bytesPut = 0;
  puts = 0;
  /** The inner store's size lookup (stat, HEAD), only when it has one: see `isSized`. */
  readonly objectSize?: (container: string, name: string) => Promise<number>;

  constructor(
    readonly inner: ObjectStore,
    readonly trace: TraceRecorder,
  ) {
    if (isSized(inner)) this.objectSize = (container, name) => inner.objectSize(container, name);
  }

  get kind(): string {
    return this.inner.kind;
  }

  async ensureContainer(container: string): Promise<void> {
    return this.inner.ensureContainer(container);
  }

  async putObject(container: string, name: string, data: Uint8Array): Promise<void> {
    this.trace.record("driver", "store", "call", `PUT ${tail(name)} (${data.length} B)`);
    this.bytesPut += data.length;
    this.puts++;
    return this.inner.putObject(container, name, data);
  }

  async getObject(container: string, name: string): Promise<Uint8Array> {
    try {
      const data = await this.inner.getObject(container, name);
      this.trace.record("driver", "store", "call", `GET ${tail(name)} (${data.length} B)`);
      return data;
    } catch (e) {
      this.trace.record("store", "driver", "error", `GET ${tail(name)}: ${(e as Error).message}`);
      throw e;
    }
  }

  async listObjects(container: string, prefix?: string): Promise<string[]> {
    return this.inner.listObjects(container, prefix);
  }

  async deleteObject(container: string, name: string): Promise<void> {
    this.trace.record("driver", "store", "call", `DELETE ${tail(name)}`);
    return this.inner.deleteObject(container, name);
  }

  async listContainers(): Promise<string[]> {
    return this.inner.listContainers();
  }
}

/** Last path element and suffix of an object name, short enough for a diagram. */
function tail(name: string): string {
  const last = name.split("/").pop() ?? name;
  const m = /(_metadata|_sha256file|-\d{5,})$/.exec(last);
  return m ? `…${m[1]}` : last.length > 40 ? `…${last.slice(-40)}` : last;
}

/** Every object in the store as `container/name`, sorted. */
export async function listAllObjects(store: ObjectStore): Promise<string[]> {
  const out: string[] = [];
  for (const c of await store.listContainers()) for (const n of await store.listObjects(c)) out.push(`${c}/${n}`);
  return out.sort();
}
