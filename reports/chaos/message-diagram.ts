import type { TraceEntry } from "../../sim/cloud/index.ts";
import type { DiagramMessage } from "../common/sequence-diagram.ts";

/**
 * The trace → diagram adapter of a chaos card: the last `last` AMQP messages (and chaos faults)
 * up to the trace entry `seq` — casts, calls, and the casts/calls the broker dropped. A fault is
 * a note on the lifeline of the first message shown.
 */
export function messageDiagram(trace: readonly TraceEntry[], seq: number | undefined, last = 16): DiagramMessage[] {
  const end = seq === undefined ? trace.length : trace.findIndex((e) => e.seq === seq) + 1;
  const window = trace.slice(0, end > 0 ? end : trace.length);
  const picked: Array<{ e: TraceEntry; dropped: boolean }> = [];
  for (let i = 0; i < window.length; i++) {
    const e = window[i]!;
    if (e.kind === "cast" || e.kind === "call") {
      const next = window[i + 1];
      picked.push({ e, dropped: !!next && next.service === "amqp" && next.what.startsWith(`dropped ${e.kind} ${e.what}`) });
    } else if (e.service === "chaos" && e.kind === "fault") picked.push({ e, dropped: false });
  }
  const shown = picked.slice(-last);
  const out: DiagramMessage[] = [];
  for (const { e, dropped } of shown) {
    if (e.service === "chaos") {
      const host = shown.find((x) => x.e.service !== "chaos")?.e.host ?? "nemesis";
      out.push({ from: host, to: host, kind: "note", what: e.what });
      continue;
    }
    const m = /^[a-z-]+\.(\S+) (\S+)/.exec(e.what);
    if (!m) continue;
    out.push({ from: e.host, to: m[1]!, kind: dropped ? "dropped" : e.kind === "cast" ? "cast" : "call", what: m[2]! });
  }
  return out;
}
