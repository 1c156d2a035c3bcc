import { participants, type DiagramMessage } from "./diagram-message.ts";

/** mermaid arrows: calls `->>`, casts `-)`, replies `-->>`, errors and dropped messages `-x`. */
const ARROW: Record<Exclude<DiagramMessage["kind"], "note">, string> = {
  call: "->>",
  cast: "-)",
  reply: "-->>",
  error: "-x",
  dropped: "-x",
};

/**
 * A fenced mermaid sequence diagram (GitHub renders it inline), or no lines for no messages.
 * Participants are aliased P1, P2, … in order of first appearance.
 */
export function sequenceDiagramMermaid(messages: readonly DiagramMessage[]): string[] {
  if (!messages.length) return [];
  const ids = new Map(participants(messages).map((p, i) => [p, `P${i + 1}`]));
  const id = (p: string) => ids.get(p)!;
  const body = messages.map((m) =>
    m.kind === "note" ? `  Note over ${id(m.from)}: ${clean(m.what)}` : `  ${id(m.from)}${ARROW[m.kind]}${id(m.to)}: ${clean(m.what)}`,
  );
  const heads = [...ids].map(([p, v]) => `  participant ${v} as ${clean(p)}`);
  return ["```mermaid", "sequenceDiagram", "  autonumber", ...heads, ...body, "```"];
}

/** mermaid reads `;`, `#`, `:` and angle brackets as syntax. */
function clean(text: string): string {
  return text
    .replace(/[;#:<>]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 120);
}
