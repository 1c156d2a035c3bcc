import { describe, expect, it } from "vitest";
import { sequenceDiagramMermaid, sequenceDiagramSvg, type DiagramMessage } from "./sequence-diagram.ts";

const steps: DiagramMessage[] = [
  { from: "manager", to: "driver", kind: "call", what: "backup <a&b>" },
  { from: "driver", to: "store", kind: "call", what: "PUT …-00001" },
  { from: "driver", to: "manager", kind: "error", what: "boom" },
];

describe("sequence diagram", () => {
  it("SVG: a lifeline per participant, an arrow per call, escaped labels", () => {
    const svg = sequenceDiagramSvg(steps);
    expect(svg.match(/<rect [^>]*fill="#eef"/g)).toHaveLength(3);
    expect(svg.match(/marker-end/g)).toHaveLength(3);
    expect(svg).toContain("backup &lt;a&amp;b&gt;");
    expect(svg).toContain('stroke="#c00"');
  });

  it("SVG: notes are boxes on their lifeline, replies dashed, only the last maxSteps shown", () => {
    const svg = sequenceDiagramSvg(
      [...steps, { from: "store", to: "store", kind: "note", what: "full" }, { from: "store", to: "driver", kind: "reply", what: "ok" }],
      2,
    );
    expect(svg.match(/<rect [^>]*fill="#eef"/g)).toHaveLength(2); // store, driver
    expect(svg).toContain('fill="#ffd"');
    expect(svg).toContain('stroke-dasharray="5 3" marker-end');
    expect(svg).not.toContain("boom");
  });

  it("mermaid: participants aliased in order of first appearance, one arrow per kind, syntax characters cleaned", () => {
    const lines = sequenceDiagramMermaid([
      { from: "site1", to: "controller", kind: "note", what: "partition site1: 30s" },
      { from: "site1", to: "site1@lvm", kind: "cast", what: "get_backup_device" },
      { from: "site1", to: "site1@lvm", kind: "call", what: "initialize_connection" },
      { from: "site1", to: "controller", kind: "dropped", what: "continue_backup" },
      { from: "site1@lvm", to: "site1", kind: "reply", what: "ok" },
    ]);
    expect(lines).toEqual([
      "```mermaid",
      "sequenceDiagram",
      "  autonumber",
      "  participant P1 as site1",
      "  participant P2 as site1@lvm",
      "  participant P3 as controller",
      "  Note over P1: partition site1 30s",
      "  P1-)P2: get_backup_device",
      "  P1->>P2: initialize_connection",
      "  P1-xP3: continue_backup",
      "  P2-->>P1: ok",
      "```",
    ]);
    expect(sequenceDiagramMermaid([])).toEqual([]);
  });
});
