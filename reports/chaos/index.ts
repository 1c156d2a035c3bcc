/** Chaos-run reports (`cbh chaos run --report DIR`): Markdown, JSON lines, trace excerpts, message diagrams. */
export { chaosMarkdown, outcomeSpread, faultCoverage } from "./markdown-report.ts";
export { chaosJsonl, runJson } from "./jsonl-report.ts";
export { writeChaosReport } from "./write-report.ts";
export { traceExcerpt, formatTraceLine } from "./trace-excerpt.ts";
export { messageDiagram } from "./message-diagram.ts";
