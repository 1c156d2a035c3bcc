import type { TraceEntry } from "../../sim/cloud/index.ts";

/**
 * A mermaid sequence diagram of the AMQP messages (and chaos faults) leading up to a trace
 * position: casts `-)`, calls `->>`, casts the broker dropped `-x`. GitHub renders it inline.
 */
export function messageDiagram(trace: readonly TraceEntry[], seq: number | undefined, last = 16): string[] {
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
  if (!shown.length) return [];
  const ids = new Map<string, string>();
  const id = (host: string) => {
    let v = ids.get(host);
    if (!v) ids.set(host, (v = `P${ids.size + 1}`));
    return v;
  };
  const body: string[] = [];
  for (const { e, dropped } of shown) {
    if (e.service === "chaos") {
      body.push(`  Note over ${id(shown.find((x) => x.e.service !== "chaos")?.e.host ?? "nemesis")}: ${clean(e.what)}`);
      continue;
    }
    const m = /^[a-z-]+\.(\S+) (\S+)/.exec(e.what);
    if (!m) continue;
    const arrow = dropped ? "-x" : e.kind === "cast" ? "-)" : "->>";
    body.push(`  ${id(e.host)}${arrow}${id(m[1]!)}: ${clean(m[2]!)}`);
  }
  const participants = [...ids].map(([host, v]) => `  participant ${v} as ${clean(host)}`);
  return ["```mermaid", "sequenceDiagram", "  autonumber", ...participants, ...body, "```"];
}

function clean(text: string): string {
  return text.replace(/[;#:<>]/g, " ").replace(/\s+/g, " ").trim().slice(0, 120);
}
