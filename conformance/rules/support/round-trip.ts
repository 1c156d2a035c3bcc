import type { SparseDevice } from "../../driver/sparse-device.ts";
import type { RuleContext } from "../rule.ts";
import type { DriverGeometry } from "../../driver/driver-under-test.ts";
import { expectSameBytes } from "./expect-device.ts";
import { RuleViolation } from "../rule-violation.ts";

/**
 * Full backup of a volume of `size` bytes written by `fill`, restore into a new volume (or an
 * existing one pre-filled by `prefillTarget`), compare the durable bytes. `geometry`: run the
 * driver with it instead of the suite's (RuleContext.harness).
 */
export async function roundTrip(
  t: RuleContext,
  size: number,
  fill: (dev: SparseDevice) => void,
  opts: { prefillTarget?: (dev: SparseDevice) => void; geometry?: DriverGeometry } = {},
): Promise<void> {
  const h = await t.harness(opts.geometry ? { geometry: opts.geometry } : {});
  const src = h.volume(size);
  fill(src.device);
  const b = await h.backup(src);
  const target = h.volume(size);
  opts.prefillTarget?.(target.device);
  const { result } = await h.restore(b.id, target, !opts.prefillTarget);
  if (result !== "restored") throw new RuleViolation("restore was cancelled although nobody cancelled it", "restored", result);
  expectSameBytes("restored volume", src.device, target.device);
}
