import type { SparseDevice } from "../../driver/sparse-device.ts";
import { RuleViolation } from "../rule-violation.ts";

/** Byte-exact comparison of two devices; the violation names the first differing offset. */
export function expectSameBytes(what: string, expected: SparseDevice, actual: SparseDevice): void {
  // Compares only pages either side wrote (multi-GiB sparse volumes stay cheap); hashes only to report.
  const at = expected.firstDifference(actual);
  if (at === -1) return;
  const e = expected.sha256(),
    a = actual.sha256();
  const ex = expected.read(at, 8),
    ac = actual.read(at, 8);
  throw new RuleViolation(
    `${what}: bytes differ from offset ${at}`,
    `sha256 ${e} (${expected.sizeBytes} B), bytes @${at}: ${hex(ex)}`,
    `sha256 ${a} (${actual.sizeBytes} B), bytes @${at}: ${hex(ac)}`,
  );
}

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(" ");
}
