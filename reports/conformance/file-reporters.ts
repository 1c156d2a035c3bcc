import type { ConformanceReporter } from "../../conformance/runner/reporter.ts";
import { junitReporter } from "./junit-reporter.ts";
import { jsonlReporter } from "./jsonl-reporter.ts";
import { markdownReporter } from "./markdown-reporter.ts";
import { htmlReporter } from "./html-reporter.ts";
import { runRecordReporter } from "./run-record.ts";

/** The four file reporters writing into `dir` (`cbh conformance --report DIR`). */
export function fileReporters(dir: string): ConformanceReporter[] {
  return [junitReporter(dir), jsonlReporter(dir), markdownReporter(dir), htmlReporter(dir)];
}

/** The four file reporters and the run record, which `cbh report merge|combine` reads. */
export function recordedFileReporters(dir: string, command: string): ConformanceReporter[] {
  return [...fileReporters(dir), runRecordReporter(dir, command)];
}
