import type { TraceEntry } from "../../sim/cloud/index.ts";

/** One arrow or note of a message sequence diagram, taken from typed trace events. */
export type TraceMessage =
  | {
      readonly type: "message";
      readonly seq: number;
      readonly from: string;
      readonly to: string;
      readonly kind: "cast" | "call";
      readonly method: string;
      readonly dropped: boolean;
    }
  | { readonly type: "note"; readonly seq: number; readonly text: string };

/**
 * The AMQP messages of a trace (host → server, dropped when the broker's next entry says so)
 * and the chaos runner's fault lines. Matches on `TraceEntry.event`, never on its text.
 */
export function traceMessages(trace: readonly TraceEntry[]): TraceMessage[] {
  const out: TraceMessage[] = [];
  for (let i = 0; i < trace.length; i++) {
    const e = trace[i]!;
    const ev = e.event;
    if (ev.type === "rpc") {
      const next = trace[i + 1]?.event;
      const dropped =
        next?.type === "rpc-dropped" &&
        next.kind === ev.kind &&
        next.topic === ev.topic &&
        next.server === ev.server &&
        next.method === ev.method;
      out.push({ type: "message", seq: e.seq, from: e.host, to: ev.server, kind: ev.kind, method: ev.method, dropped });
    } else if (ev.type === "runner" && e.service === "chaos" && e.kind === "fault") {
      out.push({ type: "note", seq: e.seq, text: ev.text });
    }
  }
  return out;
}
