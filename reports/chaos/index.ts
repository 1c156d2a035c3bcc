/** Chaos-run reports (`cbh chaos run --report DIR`): Markdown, HTML, JUnit, JSON lines, trace excerpts, message diagrams; merging shards. */
export { chaosMarkdown, outcomeSpread, faultCoverage } from "./markdown-report.ts";
export { chaosJsonl, runJson } from "./jsonl-report.ts";
export { chaosJunit } from "./junit-report.ts";
export { chaosHtml } from "./html-report.ts";
export { writeChaosReport, traceFileName } from "./write-report.ts";
export { mergeChaosReports, ReportMergeError } from "./merge-reports.ts";
export { CHAOS_META_FILE, type ChaosReportMeta } from "./report-meta.ts";
export { traceExcerpt, formatTraceLine } from "./trace-excerpt.ts";
export { messageDiagram } from "./message-diagram.ts";
