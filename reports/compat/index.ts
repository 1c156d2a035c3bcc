/** `cbh compat` reporters: the conformance report family, matrix driver × direction (columns) × case (rows). */
export { compatProgressReporter } from "./progress-reporter.ts";
export { compatFileReporters } from "./file-reporters.ts";
