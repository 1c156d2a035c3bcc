import type { DiffSummary } from "../../lib/diff/index.ts";
import { escapeXml } from "../common/escape.ts";

/** `junit.xml`: one test case per sequence; an unexplained divergence or a stopped run is a failure. */
export function diffJunit(s: DiffSummary, cloud: string): string {
  const cases = s.results.map((r) => {
    const secs = ((r.simMs + r.targetMs) / 1000).toFixed(3);
    const bad = r.divergences.filter((d) => !d.allowed);
    const failure = r.aborted
      ? `<failure type="aborted" message="${escapeXml(r.aborted.message)}"/>`
      : bad.length
        ? `<failure type="divergence" message="${escapeXml(`${bad.length} unexplained divergence(s)`)}">${escapeXml(
            [
              ...bad.map((d) => `step ${d.index} ${d.label} ${d.field}: simulator ${d.sim} | target ${d.target}`),
              `replay: ${r.replay}`,
            ].join("\n"),
          )}</failure>`
        : "";
    return `    <testcase classname="cbh.diff.${escapeXml(cloud)}" name="seed ${r.seed}" time="${secs}">${failure}</testcase>`;
  });
  const failures = s.results.filter((r) => r.aborted || r.unexplained).length;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="cbh diff" tests="${s.results.length}" failures="${failures}">`,
    `  <testsuite name="diff vs ${escapeXml(cloud)}" tests="${s.results.length}" failures="${failures}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
