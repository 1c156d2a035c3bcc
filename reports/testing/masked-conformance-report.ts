import { readFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * A conformance report file with what depends on the wall clock masked (start time, durations),
 * so two runs of the same plan compare equal.
 */
export async function maskedConformanceReport(dir: string, name: string): Promise<string> {
  return (await readFile(join(dir, name), "utf8"))
    .replace(/("startedAt":"|started |timestamp=")[^"<·]+/g, "$1<start>")
    .replace(/("duration_ms"|"durationMs"):[0-9.e-]+/g, "$1:0")
    .replace(/time="[0-9.]+"/g, 'time="0"')
    .replace(/· [0-9.]+ s/g, "· <wall> s");
}
