import type { DriverContext } from "../../sim/driver/backup-driver.ts";
import type { Canary } from "./canary.ts";
import { DelegatingDriver, patchVolumeFile } from "./delegating-driver.ts";

const VICTIM = 1024 * 1024 + 4097;

async function chainLength(id: string, ctx: DriverContext): Promise<number> {
  let n = 0;
  for (let cur = await ctx.getBackup(id); cur && n < 100; cur = cur.parent_id ? await ctx.getBackup(cur.parent_id) : null) n++;
  return n;
}

/** On restore of a chain of 3 or more backups, flips one byte past 1 MiB in whatever it writes there. */
export const flipByteLongChain: Canary = {
  id: "flip-byte-long-chain",
  bug: "flips a byte past 1 MiB on restore of a long chain",
  breaks: "incremental.chain-restores-every-point",
  create(base, opts) {
    return new (class extends DelegatingDriver {
      override async restore(...[row, volumeId, file, isNew, ctx]: Parameters<DelegatingDriver["restore"]>) {
        if ((await chainLength(row.id, ctx)) < 3) return super.restore(row, volumeId, file, isNew, ctx);
        const f = patchVolumeFile(file, {
          write: async (o, d) => {
            if (o <= VICTIM && VICTIM < o + d.length) {
              d = Uint8Array.from(d);
              d[VICTIM - o]! ^= 0x01;
            }
            return file.write(o, d);
          },
        });
        return super.restore(row, volumeId, f, isNew, ctx);
      }
    })(base.createDriver(opts));
  },
};
