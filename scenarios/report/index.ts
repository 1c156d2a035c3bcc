export { chaosMarkdown, outcomeSpread, faultCoverage } from "./markdown-report.ts";
export { chaosJsonl, runJson } from "./jsonl-report.ts";
export { writeChaosReport } from "./write-report.ts";
export { traceExcerpt, formatTraceLine } from "./trace-excerpt.ts";
export { messageDiagram } from "./message-diagram.ts";
