import type { TraceEntry } from "../../sim/cloud/index.ts";
import { diagramMessages } from "./diagram-messages.ts";

/**
 * A mermaid sequence diagram of the AMQP messages (and chaos faults) leading up to a trace
 * position: casts `-)`, calls `->>`, casts the broker dropped `-x`. GitHub renders it inline.
 */
export function messageDiagram(trace: readonly TraceEntry[], seq: number | undefined, last = 16): string[] {
  const end = seq === undefined ? trace.length : trace.findIndex((e) => e.seq === seq) + 1;
  const window = trace.slice(0, end > 0 ? end : trace.length);
  const shown = diagramMessages(window).slice(-last);
  if (!shown.length) return [];
  const ids = new Map<string, string>();
  const id = (host: string) => {
    let v = ids.get(host);
    if (!v) ids.set(host, (v = `P${ids.size + 1}`));
    return v;
  };
  const body: string[] = [];
  for (const m of shown) {
    if (m.type === "note") {
      const firstHost = shown.find((x) => x.type === "message");
      body.push(`  Note over ${id(firstHost?.type === "message" ? firstHost.from : "nemesis")}: ${clean(m.text)}`);
      continue;
    }
    const arrow = m.dropped ? "-x" : m.kind === "cast" ? "-)" : "->>";
    body.push(`  ${id(m.from)}${arrow}${id(m.to)}: ${clean(m.method)}`);
  }
  const participants = [...ids].map(([host, v]) => `  participant ${v} as ${clean(host)}`);
  return ["```mermaid", "sequenceDiagram", "  autonumber", ...participants, ...body, "```"];
}

function clean(text: string): string {
  return text.replace(/[;#:<>]/g, " ").replace(/\s+/g, " ").trim().slice(0, 120);
}
