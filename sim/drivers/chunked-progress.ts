import type { DriverContext } from "../driver/backup-driver.ts";
import type { ResolvedChunkedConfig } from "./chunked-config.ts";

/**
 * `backup.createprogress` as `ChunkedBackupDriver.backup` sends it: every
 * `backup_object_number_per_notification` chunks, from the progress timer (every
 * `backup_timer_interval` s of virtual time, checked between chunks), and 100 at the end.
 * The percentage reproduces cinder's own formula, `total_block_sent_num * 100 / volume_size_bytes`
 * with `total_block_sent_num += data_block_num` per chunk (so it stays tiny: cinder's arithmetic).
 */
export class ChunkedProgress {
  #counter = 0;
  #sent = 0;
  #lastTimer: number;

  constructor(
    private readonly ctx: DriverContext,
    private readonly backupId: string,
    private readonly cfg: ResolvedChunkedConfig,
    private readonly volumeSizeBytes: number,
  ) {
    this.#lastTimer = ctx.now();
  }

  #percent(): number {
    return (this.#sent * 100) / this.volumeSizeBytes;
  }

  chunkDone(): void {
    this.#sent += this.cfg.objectsPerNotification;
    this.#counter++;
    if (this.#counter === this.cfg.objectsPerNotification) {
      this.ctx.progress(this.backupId, this.#percent());
      this.#counter = 0;
    }
    if (this.cfg.enableProgressTimer && this.ctx.now() - this.#lastTimer >= this.cfg.timerIntervalSec * 1000) {
      this.#lastTimer = this.ctx.now();
      this.ctx.progress(this.backupId, this.#percent());
    }
  }

  end(): void {
    this.ctx.progress(this.backupId, 100);
  }
}
