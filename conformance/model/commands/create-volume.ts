import type { PairModel } from "../cloud-pair.ts";
import { PairCommand, type SideHandle } from "../pair-command.ts";
import { seededBytes } from "./seeded-bytes.ts";

/** Create a volume of `sizeGb` and write seeded bytes into part of it (the rest stays sparse). */
export class CreateVolumeCommand extends PairCommand {
  constructor(
    readonly sizeGb: number,
    readonly dataSeed: number,
    readonly fraction: number,
  ) {
    super();
  }

  check(m: Readonly<PairModel>): boolean {
    return m.volumes.length < 6;
  }

  protected async act(h: SideHandle): Promise<{ outcome: string; created: string }> {
    const v = await h.cloud.ops.volumes.create(h.ctx, {
      size: this.sizeGb,
      name: `mbt-${this.dataSeed}`,
      metadata: { seed: String(this.dataSeed), tier: "gold" },
    });
    await h.cloud.settle();
    // The size only: a digest of no bytes costs nothing, sha256() every byte of the device.
    const size = h.cloud.devices.digest(v.id, 0).size;
    h.cloud.devices.write(v.id, 0, seededBytes(this.dataSeed, "volume", Math.floor(size * this.fraction)));
    return { outcome: h.cloud.db.volume(v.id)!.status, created: v.id };
  }

  protected override record(m: PairModel, ids: { model: string; system: string }): void {
    m.volumes.push(ids);
  }

  toString(): string {
    return `createVolume(${this.sizeGb} GB, seed ${this.dataSeed}, ${Math.round(this.fraction * 100)}% written)`;
  }
}
