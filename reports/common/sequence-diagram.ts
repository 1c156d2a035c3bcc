/** The one sequence-diagram module: typed messages in, SVG (HTML reports) or mermaid (Markdown) out. */
export { participants, type DiagramMessage } from "./diagram-message.ts";
export { sequenceDiagramSvg } from "./sequence-diagram-svg.ts";
export { sequenceDiagramMermaid } from "./sequence-diagram-mermaid.ts";
