import type { BackupDriver } from "../driver/backup-driver.ts";
import type { ObjectStore } from "../../lib/stores/index.ts";
import type { ByteAllocator } from "../../lib/format/index.ts";
import { buildCloud } from "./build-cloud.ts";
import { geometryConfig, type Geometry } from "./geometry.ts";
import type { CloudOptions, Release, SimulatedCloud, Topology } from "./simulated-cloud.ts";

/**
 * Fluent builder of a simulated cloud (testcontainers style): `with*()` then `build()`, which
 * starts every service and returns the started cloud.
 *
 *     const cloud = await new CloudBuilder().withSeed(7).withRelease("zed").build();
 */
export class CloudBuilder {
  readonly #o: CloudOptions = { seed: 1, release: "zed" };

  withSeed(seed: number): this {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    this.#o.seed = seed;
    return this;
  }

  withRelease(release: Release): this {
    this.#o.release = release;
    return this;
  }

  withTopology(topology: Topology): this {
    this.#o.topology = topology;
    return this;
  }

  withConfig(config: Record<string, string | number | boolean>): this {
    this.#o.config = { ...(this.#o.config ?? {}), ...config };
    return this;
  }

  /** `real`: 1 GB volumes are 1 GiB, posix objects 1999994880 bytes; `small` (the library default): 1 MiB and 256 KiB. */
  withGeometry(geometry: Geometry): this {
    return this.withConfig(geometryConfig(geometry));
  }

  withBackupDriver(factory: (host: string, store: ObjectStore) => BackupDriver): this {
    this.#o.backupDriver = factory;
    return this;
  }

  withObjectStore(store: ObjectStore): this {
    this.#o.objectStore = store;
    return this;
  }

  /** Where device content and extents come from (CloudOptions.bytes): a `ByteArena` the caller resets once done with the cloud. */
  withBytes(bytes: ByteAllocator): this {
    this.#o.bytes = bytes;
    return this;
  }

  withTrace(enabled: boolean): this {
    this.#o.trace = enabled;
    return this;
  }

  build(): Promise<SimulatedCloud> {
    return buildCloud({ ...this.#o });
  }
}
