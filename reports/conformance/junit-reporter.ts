import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ConformanceReporter, RunSummary } from "../../conformance/runner/reporter.ts";
import { escapeXml } from "../common/escape.ts";
import { driverExceptionText } from "../common/driver-exception-text.ts";

/** JUnit XML for CI: one testsuite per driver, one testcase per rule, skip reasons kept. */
export function junitXml(summary: RunSummary): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = summary.results.length;
  const failures = summary.results.filter((r) => r.outcome === "FAIL").length;
  const skipped = summary.results.filter((r) => r.outcome === "SKIP" || r.outcome === "NA").length;
  out.push(
    `<testsuites name="cbh conformance" tests="${total}" failures="${failures}" skipped="${skipped}" time="${sec(summary.durationMs)}">`,
  );
  for (const d of summary.info.drivers) {
    const rs = summary.results.filter((r) => r.driver === d.id);
    const c = summary.counts[d.id];
    out.push(
      `  <testsuite name="${escapeXml(d.id)}" tests="${rs.length}" failures="${c?.FAIL ?? 0}" skipped="${(c?.SKIP ?? 0) + (c?.NA ?? 0)}" time="${sec(rs.reduce((a, r) => a + r.durationMs, 0))}" timestamp="${escapeXml(summary.info.startedAt)}">`,
    );
    out.push(
      `    <properties><property name="seed" value="${summary.info.seed}"/><property name="harness" value="${escapeXml(`${summary.info.harness?.version ?? ""} ${summary.info.harness?.gitSha ?? ""}`.trim())}"/><property name="label" value="${escapeXml(d.label)}"/>${
        d.cinder
          ? `<property name="cinder-release" value="${escapeXml(d.cinder.release ?? "")}"/><property name="cinder-version" value="${escapeXml(d.cinder.version)}"/>`
          : ""
      }</properties>`,
    );
    for (const r of rs) {
      const open = `    <testcase name="${escapeXml(r.ruleId)}" classname="${escapeXml(`${r.driver}.${r.area}`)}" time="${sec(r.durationMs)}"`;
      if (r.unexpectedPass) {
        out.push(`${open}>`, `      <failure message="${escapeXml(r.reason ?? "")}" type="UnexpectedPass"/>`, "    </testcase>");
      } else if (r.knownFailure) {
        out.push(
          `${open}>`,
          `      <skipped message="${escapeXml(`known failure: ${r.knownFailure} — ${r.reason ?? ""}`)}"/>`,
          "    </testcase>",
        );
      } else if (r.outcome === "PASS") {
        out.push(
          ...(r.observed
            ? [`${open}>`, `      <system-out>${escapeXml(r.observed.join("\n"))}</system-out>`, "    </testcase>"]
            : [`${open}/>`]),
        );
      } else if (r.outcome === "FAIL") {
        const body = `${r.reason ?? ""}\nexpected: ${r.expected ?? ""}\nactual:   ${r.actual ?? ""}\nreplay:   ${r.replay}${r.driverException ? `\n${driverExceptionText(r)}` : ""}${r.observed ? `\nobserved: ${r.observed.join("\n          ")}` : ""}`;
        out.push(
          `${open}>`,
          `      <failure message="${escapeXml(r.reason ?? "failed")}" type="${r.driverException ? escapeXml(r.driverException.name) : "RuleViolation"}">${escapeXml(body)}</failure>`,
          "    </testcase>",
        );
      } else {
        out.push(`${open}>`, `      <skipped message="${escapeXml(`${r.outcome}: ${r.reason ?? ""}`)}"/>`, "    </testcase>");
      }
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>", "");
  return out.join("\n");
}

function sec(ms: number): string {
  return (ms / 1000).toFixed(3);
}

export function junitReporter(outDir: string, file = "conformance.junit.xml"): ConformanceReporter {
  return {
    name: "junit",
    onRunEnd(summary) {
      mkdirSync(outDir, { recursive: true });
      writeFileSync(join(outDir, file), junitXml(summary));
    },
  };
}
