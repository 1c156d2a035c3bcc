import type { ObjectStore } from "../../../lib/stores/index.ts";

/**
 * One rule's view of a shared account (Swift, S3): only containers named `scope` or starting
 * with `scope` exist for it, so "the store is empty" checks see this rule's objects only.
 */
export class ScopedStore implements ObjectStore {
  constructor(
    readonly inner: ObjectStore,
    readonly scope: string,
  ) {}

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
