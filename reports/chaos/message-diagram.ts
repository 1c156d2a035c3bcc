import type { TraceEntry } from "../../sim/cloud/index.ts";
import type { DiagramMessage } from "../common/sequence-diagram.ts";
import { traceMessages } from "./diagram-messages.ts";

/**
 * The trace → diagram adapter of a chaos card: the last `last` AMQP messages (and chaos faults)
 * up to the trace entry `seq` — casts, calls, and the casts/calls the broker dropped. A fault is
 * a note on the lifeline of the first message shown. Reads typed events (`traceMessages`).
 */
export function messageDiagram(trace: readonly TraceEntry[], seq: number | undefined, last = 16): DiagramMessage[] {
  const end = seq === undefined ? trace.length : trace.findIndex((e) => e.seq === seq) + 1;
  const shown = traceMessages(trace.slice(0, end > 0 ? end : trace.length)).slice(-last);
  const firstHost = shown.find((m) => m.type === "message");
  const noteHost = firstHost?.type === "message" ? firstHost.from : "nemesis";
  return shown.map((m): DiagramMessage =>
    m.type === "note"
      ? { from: noteHost, to: noteHost, kind: "note", what: m.text }
      : { from: m.from, to: m.to, kind: m.dropped ? "dropped" : m.kind, what: m.method },
  );
}
