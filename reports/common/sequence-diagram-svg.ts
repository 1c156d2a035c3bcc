import { participants, type DiagramMessage } from "./diagram-message.ts";
import { escapeXml } from "./escape.ts";

const COL = 170,
  ROW = 24,
  TOP = 40,
  LEFT = 20;

/**
 * An inline SVG sequence diagram (for the offline HTML report): one lifeline per participant
 * (in order of first appearance), one arrow per message (replies dashed, errors and dropped
 * messages red), notes as boxes on the lifeline. Shows the last `maxSteps` messages.
 */
export function sequenceDiagramSvg(messages: readonly DiagramMessage[], maxSteps = 120): string {
  const shown = messages.slice(-maxSteps);
  const parts = participants(shown);
  const x = (p: string) => LEFT + COL / 2 + parts.indexOf(p) * COL;
  const width = LEFT * 2 + Math.max(1, parts.length) * COL;
  const height = TOP + shown.length * ROW + 20;
  const out = [
    `<svg class="seq" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="sequence diagram">`,
  ];
  out.push(
    '<defs><marker id="arr" markerWidth="8" markerHeight="8" refX="7" refY="4" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#333"/></marker></defs>',
  );
  for (const p of parts) {
    out.push(
      `<rect x="${x(p) - 60}" y="6" width="120" height="22" rx="4" fill="#eef" stroke="#88a"/>`,
      `<text x="${x(p)}" y="21" text-anchor="middle" font-size="12">${escapeXml(p)}</text>`,
      `<line x1="${x(p)}" y1="28" x2="${x(p)}" y2="${height - 6}" stroke="#bbb" stroke-dasharray="4 3"/>`,
    );
  }
  shown.forEach((s, i) => {
    const y = TOP + i * ROW + 12;
    const color = s.kind === "error" || s.kind === "dropped" ? "#c00" : "#333";
    if (s.kind === "note" || s.from === s.to) {
      out.push(
        `<rect x="${x(s.from) - 75}" y="${y - 11}" width="150" height="18" fill="#ffd" stroke="#cc9"/>`,
        `<text x="${x(s.from)}" y="${y + 2}" text-anchor="middle" font-size="10">${escapeXml(clip(s.what, 28))}</text>`,
      );
      return;
    }
    const dash = s.kind === "reply" || s.kind === "dropped" ? ' stroke-dasharray="5 3"' : "";
    out.push(
      `<line x1="${x(s.from)}" y1="${y}" x2="${x(s.to)}" y2="${y}" stroke="${color}"${dash} marker-end="url(#arr)"/>`,
      `<text x="${(x(s.from) + x(s.to)) / 2}" y="${y - 3}" text-anchor="middle" font-size="10" fill="${color}">${escapeXml(clip(s.what, 40))}</text>`,
    );
  });
  out.push("</svg>");
  return out.join("");
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
