import { isSized } from "../../../lib/format/index.ts";
import type { ObjectStore } from "../../../lib/stores/index.ts";

/**
 * One rule's view of a shared account (Swift, S3): only containers named `scope` or starting
 * with `scope` exist for it, so "the store is empty" checks see this rule's objects only.
 */
export class ScopedStore implements ObjectStore {
  /**
   * The account's size lookup (HEAD), when it has one (`isSized`): without it, what a driver
   * process stored is sized by reading every new object back (`storedSince`), which for a 64 MiB
   * Swift backup cost more than the listing and the driver's own PUTs' difference to standalone.
   */
  readonly objectSize?: (container: string, name: string) => Promise<number>;

  constructor(
    readonly inner: ObjectStore,
    readonly scope: string,
  ) {
    if (isSized(inner)) this.objectSize = (container, name) => inner.objectSize(container, name);
  }

  get kind(): string {
    return this.inner.kind;
  }

  ensureContainer(c: string): Promise<void> {
    return this.inner.ensureContainer(c);
  }

  putObject(c: string, n: string, d: Uint8Array): Promise<void> {
    return this.inner.putObject(c, n, d);
  }

  getObject(c: string, n: string): Promise<Uint8Array> {
    return this.inner.getObject(c, n);
  }

  listObjects(c: string, prefix?: string): Promise<string[]> {
    return this.inner.listObjects(c, prefix);
  }

  deleteObject(c: string, n: string): Promise<void> {
    return this.inner.deleteObject(c, n);
  }

  async listContainers(): Promise<string[]> {
    return (await this.inner.listContainers()).filter((c) => c.startsWith(this.scope));
  }
}
