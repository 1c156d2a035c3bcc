import type { PairModel } from "../cloud-pair.ts";
import { at, PairCommand, type SideHandle } from "../pair-command.ts";
import { seededBytes } from "./seeded-bytes.ts";

/** Overwrite `length` bytes of a volume at a fraction of its size (a change between backups). */
export class WriteVolumeCommand extends PairCommand {
  constructor(
    readonly volume: number,
    readonly at: number,
    readonly length: number,
    readonly dataSeed: number,
  ) {
    super();
  }

  check(m: Readonly<PairModel>): boolean {
    return m.volumes.length > 0;
  }

  protected async act(h: SideHandle, m: PairModel): Promise<{ outcome: string }> {
    const id = h.id(at(m.volumes, this.volume));
    // The size only: a digest of no bytes costs nothing, sha256() every byte of the device.
    const size = h.cloud.devices.digest(id, 0).size;
    const offset = Math.min(size - 1, Math.floor(size * this.at));
    const data = seededBytes(this.dataSeed, "write", Math.min(this.length, size - offset));
    h.cloud.devices.write(id, offset, data);
    return { outcome: `wrote ${data.length} B` };
  }

  toString(): string {
    return `writeVolume(#${this.volume}, at ${Math.round(this.at * 100)}%, ${this.length} B, seed ${this.dataSeed})`;
  }
}
