import type { TraceEntry } from "../../sim/cloud/index.ts";
import { canonicalLine } from "../../sim/core/trace-recorder.ts";
import type { Finding } from "./finding.ts";

/** The first trace line where two runs of the same seed differ. */
export function nondeterminism(a: readonly TraceEntry[], b: readonly TraceEntry[]): Finding {
  let i = 0;
  while (i < a.length && i < b.length && canonicalLine(a[i]!) === canonicalLine(b[i]!)) i++;
  const at = a[i] ?? b[i];
  return {
    code: "nondeterminism",
    message: `two runs of this seed diverge at trace line ${i}${at ? ` (t=${at.t}, ${at.what})` : ""}`,
    ...(a[i] ? { traceSeq: a[i]!.seq } : {}),
  };
}
