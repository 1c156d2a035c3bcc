import type { SimulatedCloud } from "../../sim/cloud/simulated-cloud.ts";
import type { BackupDriver } from "../../sim/driver/backup-driver.ts";
import { observeDriver } from "../../sim/driver/observed-driver.ts";

/** What the harness saw a driver do inside a cloud: device writes per restored volume, reads per backup. */
export class CloudProbe {
  readonly #writes = new Map<string, number>();
  readonly #reads = new Map<string, number>();
  readonly #started = new Set<string>();

  /** The driver was handed this backup (`backup:<id>`) or restore target (`restore:<volume id>`). */
  started(key: string): boolean {
    return this.#started.has(key);
  }

  markStarted(key: string): void {
    this.#started.add(key);
  }

  writes(volumeId: string): number {
    return this.#writes.get(volumeId) ?? 0;
  }

  reads(backupId: string): number {
    return this.#reads.get(backupId) ?? 0;
  }

  countWrite(volumeId: string): void {
    this.#writes.set(volumeId, this.writes(volumeId) + 1);
  }

  countRead(backupId: string): void {
    this.#reads.set(backupId, this.reads(backupId) + 1);
  }
}

const probes = new WeakMap<SimulatedCloud, CloudProbe>();

export function cloudProbe(cloud: SimulatedCloud): CloudProbe {
  const p = probes.get(cloud);
  if (!p) throw new Error("this cloud was not opened by the conformance harness");
  return p;
}

export function registerProbe(cloud: SimulatedCloud, probe: CloudProbe): void {
  probes.set(cloud, probe);
}

/** Virtual cost of attaching the device before the driver starts (os-brick connect): 20 ms at sim_read_mbps 400. */
export const ATTACH_COST_BYTES = 8_000_000;

/**
 * Runs the driver under test inside the cloud with a uniform I/O cost model (`observeDriver`'s
 * `cost`): attaching the device takes a fixed time before the driver is called, and every device
 * read and write also costs virtual time, so a driver that never charges itself still takes time
 * and admin actions (cancel, restart) can land in the middle of its work, as they do against a
 * real driver thread. The attach window is the same for every driver: a fault injected there hits
 * the model and the system at the same point. Counts device I/O for the rules.
 */
export function probedDriver(inner: BackupDriver, probe: CloudProbe): BackupDriver {
  return observeDriver(
    inner,
    {
      started: (call, row, volumeId) => probe.markStarted(call === "backup" ? `backup:${row.id}` : `restore:${volumeId}`),
      read: (backupId) => probe.countRead(backupId),
      wrote: (volumeId) => probe.countWrite(volumeId),
    },
    { cost: { attachBytes: ATTACH_COST_BYTES } },
  );
}
