import type { SparseDevice } from "../../driver/sparse-device.ts";
import { RuleViolation } from "../rule-violation.ts";

/** Byte-exact comparison of two devices; the violation names the first differing offset. */
export function expectSameBytes(what: string, expected: SparseDevice, actual: SparseDevice): void {
  const e = expected.sha256(), a = actual.sha256();
  if (e === a && expected.sizeBytes === actual.sizeBytes) return;
  const at = expected.firstDifference(actual);
  const ex = expected.read(at, 8), ac = actual.read(at, 8);
  throw new RuleViolation(
    `${what}: bytes differ from offset ${at}`,
    `sha256 ${e} (${expected.sizeBytes} B), bytes @${at}: ${hex(ex)}`,
    `sha256 ${a} (${actual.sizeBytes} B), bytes @${at}: ${hex(ac)}`,
  );
}

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(" ");
}
