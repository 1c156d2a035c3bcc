/** Deliberately broken drivers: each must be caught by its named rule (`npm test` fails otherwise). */
import type { DriverUnderTest } from "../driver/driver-under-test.ts";
import { canaryDriver, type Canary } from "./canary.ts";
import { dropLastPartialChunk } from "./drop-last-partial-chunk.ts";
import { ignoreParent } from "./ignore-parent.ts";
import { flipByteLongChain } from "./flip-byte-long-chain.ts";
import { ignoreCancel } from "./ignore-cancel.ts";
import { leakOnDelete } from "./leak-on-delete.ts";
import { successBeforeDurable } from "./success-before-durable.ts";
import { mixConcurrentBackups } from "./mix-concurrent-backups.ts";
import { wrongMd5 } from "./wrong-md5.ts";
import { skipZeroWrites } from "./skip-zero-writes.ts";
import { ignoreRestoreCancel } from "./ignore-restore-cancel.ts";
import { dropVolumeMetadata } from "./drop-volume-metadata.ts";
import { zeroTailOfLargerTarget } from "./zero-tail-of-larger-target.ts";
import { swallowRestoreErrors } from "./swallow-restore-errors.ts";
import { wrapOffsets4Mib } from "./wrap-offsets-4mib.ts";
import { wrapOffsets32Bit } from "./wrap-offsets-32bit.ts";

export const canaries: readonly Canary[] = [
  dropLastPartialChunk,
  ignoreParent,
  flipByteLongChain,
  ignoreCancel,
  leakOnDelete,
  successBeforeDurable,
  mixConcurrentBackups,
  wrongMd5,
  skipZeroWrites,
  ignoreRestoreCancel,
  dropVolumeMetadata,
  zeroTailOfLargerTarget,
  swallowRestoreErrors,
  wrapOffsets4Mib,
  wrapOffsets32Bit,
];

export function findCanary(id: string): Canary | undefined {
  return canaries.find((c) => c.id === id || `canary:${c.id}` === id);
}

/** Every canary as a suite driver over `base` (the reference driver). */
export function canarySuiteDrivers(base: DriverUnderTest): Array<{ dut: DriverUnderTest; replayPrefix: string; expectedToBreak: string }> {
  return canaries.map((c) => ({
    dut: canaryDriver(c, base),
    replayPrefix: `npx cbh conformance --canary ${c.id}`,
    expectedToBreak: c.breaks,
  }));
}

export { canaryDriver, type Canary } from "./canary.ts";
export { DelegatingDriver, patchContext, patchVolumeFile } from "./delegating-driver.ts";
