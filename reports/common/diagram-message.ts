/**
 * One arrow (or note) of a sequence diagram, whatever produced it: a conformance rule's
 * manager/driver/store trace (`conformance/driver/trace-recorder.ts` TraceStep fits this shape)
 * or the simulated cloud's AMQP messages in a chaos run (`reports/chaos/message-diagram.ts`).
 */
export interface DiagramMessage {
  /** Participant sending (for a note: the lifeline it sits on). */
  readonly from: string;
  readonly to: string;
  /** call: synchronous RPC; cast: one-way; dropped: a message the broker lost. */
  readonly kind: "call" | "cast" | "reply" | "error" | "dropped" | "note";
  readonly what: string;
}

/** Participants in order of first appearance (a note's lifeline counts when the note comes). */
export function participants(messages: readonly DiagramMessage[]): string[] {
  const out: string[] = [];
  const add = (p: string) => {
    if (!out.includes(p)) out.push(p);
  };
  for (const m of messages) {
    add(m.from);
    if (m.kind !== "note") add(m.to);
  }
  return out;
}
