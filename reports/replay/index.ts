/** Workflow-replay reports (`cbh replay`): console trace lines and `replay.md`. */
export { formatEntry } from "./trace-line.ts";
export { replayMarkdown } from "./replay-markdown.ts";
export { writeReplayReport } from "./write-report.ts";
