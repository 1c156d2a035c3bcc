/** Differential-run reports (`cbh diff --report DIR`): Markdown, JUnit, JSONL. */
export { diffJunit } from "./diff-junit.ts";
export { diffMarkdown } from "./diff-markdown.ts";
export { diffJsonl, writeDiffReport } from "./write-report.ts";
