import type { ConformanceReporter } from "../../conformance/runner/reporter.ts";
import { htmlReporter, jsonlReporter, junitReporter, markdownReporter } from "../conformance/index.ts";

/** The conformance family's four file reporters, writing `compat.{junit.xml,jsonl,md,html}` into `dir`. */
export function compatFileReporters(dir: string): ConformanceReporter[] {
  return [
    junitReporter(dir, "compat.junit.xml"),
    jsonlReporter(dir, "compat.jsonl"),
    markdownReporter(dir, "compat.md"),
    htmlReporter(dir, "compat.html"),
  ];
}
