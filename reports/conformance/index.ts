/** Conformance reporters: plugins implementing the runner's `ConformanceReporter` (conformance/runner/reporter.ts). */
export { junitReporter, junitXml } from "./junit-reporter.ts";
export { jsonlReporter, jsonlLine } from "./jsonl-reporter.ts";
export { markdownReporter, markdownReport } from "./markdown-reporter.ts";
export { htmlReporter, htmlReport } from "./html-reporter.ts";
export { progressReporter } from "./progress-reporter.ts";

export { fileReporters, recordedFileReporters } from "./file-reporters.ts";
export { runRecordReporter, CONFORMANCE_RECORD_FILE, type ConformanceRunRecord } from "./run-record.ts";
export { mergeConformanceReports, ConformanceMergeError } from "./merge-reports.ts";
export { combineConformanceReports } from "./combine-reports.ts";
