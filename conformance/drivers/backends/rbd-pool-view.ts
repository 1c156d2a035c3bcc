import { CephCommandError, ObjectNotFoundError, RbdStore, runCeph, type CephCli, type ObjectStore } from "../../../lib/stores/index.ts";
import { listRbdPool } from "./rbd-pool-listing.ts";

/**
 * One rule's backup pool seen as an object store, so the rules that count or list what a driver
 * left behind apply to cinder's Ceph layout (ceph.py): the container is the pool, and its
 * objects are every RBD image (`volume-<vid>.backup.<bid>`, the legacy `….backup.base`), every
 * snapshot of one as `image@snapshot` (the restore points `backup.<bid>.snap.<ts>`), and the
 * pool's plain RADOS objects (the volume metadata `backup.<bid>.meta`). An image's or a
 * snapshot's bytes are its `rbd export-diff` from the previous snapshot (what that restore point
 * added to the pool), so stored-size rules measure what an incremental really stored.
 */
export class RbdPoolView implements ObjectStore {
  readonly kind = "rbd";
  readonly #rbd: RbdStore;

  constructor(
    readonly cli: CephCli,
    readonly pool: string,
  ) {
    this.#rbd = new RbdStore(cli);
  }

  async ensureContainer(): Promise<void> {}

  async listContainers(): Promise<string[]> {
    return [this.pool];
  }

  async listObjects(container: string, prefix = ""): Promise<string[]> {
    if (container !== this.pool) return [];
    const { images, objects } = await listRbdPool(this.cli, this.pool);
    const names = [...objects, ...images.flatMap((i) => [i.image, ...i.snapshots.map((s) => `${i.image}@${s}`)])];
    return names.filter((n) => n.startsWith(prefix)).sort();
  }

  async getObject(container: string, name: string): Promise<Uint8Array> {
    const { images, objects } = container === this.pool ? await listRbdPool(this.cli, this.pool) : { images: [], objects: [] };
    const [image, snap] = name.split("@") as [string, string | undefined];
    const found = images.find((i) => i.image === image);
    if (found && (snap === undefined || found.snapshots.includes(snap))) {
      const at = snap === undefined ? found.snapshots.length : found.snapshots.indexOf(snap);
      const from = at > 0 ? ["--from-snap", found.snapshots[at - 1]!] : [];
      return runCeph(this.cli, ["rbd", "export-diff", "--no-progress", ...from, `${this.pool}/${name}`, "-"]);
    }
    if (snap === undefined && objects.includes(name)) return runCeph(this.cli, ["rados", "-p", this.pool, "get", name, "-"]);
    throw new ObjectNotFoundError(container, name);
  }

  async putObject(container: string, name: string, data: Uint8Array): Promise<void> {
    await runCeph(this.cli, ["rados", "-p", container, "put", name, "-"], data);
  }

  /** An image goes with its snapshots (`rbd snap purge` + `rbd rm`); absent is not an error. */
  async deleteObject(container: string, name: string): Promise<void> {
    const [image, snap] = name.split("@") as [string, string | undefined];
    try {
      if (snap !== undefined) await this.#rbd.removeSnapshot(container, image, snap);
      else if ((await listRbdPool(this.cli, container)).images.some((i) => i.image === name)) await this.#rbd.removeImage(container, name);
      else await runCeph(this.cli, ["rados", "-p", container, "rm", name]);
    } catch (e) {
      if (!(e instanceof CephCommandError && e.notFound) && !(e as { code?: string }).code?.startsWith("rbd-")) throw e;
    }
  }
}
