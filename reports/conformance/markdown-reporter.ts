import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ConformanceReporter, RunSummary } from "../../conformance/runner/reporter.ts";
import { markdownTable } from "../common/markdown-table.ts";
import { driverExceptionText } from "../common/driver-exception-text.ts";
import { cinderIdentityText } from "../common/cinder-identity-text.ts";

const ICON = { PASS: "✅ PASS", FAIL: "❌ FAIL", SKIP: "⏭ SKIP", NA: "➖ NA" } as const;

/** A Markdown report: counts per driver, the drivers × rules matrix, failures, canary verdicts. */
export function markdownReport(s: RunSummary): string {
  const drivers = s.info.drivers;
  const harness = s.info.harness
    ? `cinder-backup-harness ${s.info.harness.version}${s.info.harness.gitSha ? ` (${s.info.harness.gitSha})` : ""} · `
    : "";
  const lines = [
    `# Conformance report`,
    "",
    `${harness}Seed ${s.info.seed} · started ${s.info.startedAt} · ${(s.durationMs / 1000).toFixed(1)} s`,
    "",
  ];
  // the release axis: a "cinder" column when a driver is a real cinder's
  const release = drivers.some((d) => d.cinder);
  lines.push(
    ...markdownTable(
      ["driver", ...(release ? ["cinder"] : []), "PASS", "FAIL", "SKIP", "NA"],
      drivers.map((d) => {
        const c = s.counts[d.id]!;
        return [d.id, ...(release ? [cinderIdentityText(d.cinder)] : []), String(c.PASS), String(c.FAIL), String(c.SKIP), String(c.NA)];
      }),
      ["left", ...(release ? ["left" as const] : []), "right", "right", "right", "right"],
    ),
  );
  lines.push(
    "",
    "## Rules",
    "",
    ...markdownTable(
      ["rule", ...drivers.map((d) => d.id)],
      s.info.rules.map((rule) => [
        `\`${rule.id}\``,
        ...drivers.map((d) => {
          const r = s.results.find((x) => x.driver === d.id && x.ruleId === rule.id);
          return r
            ? `${ICON[r.outcome]}${r.knownFailure ? " (known)" : ""}${r.unexpectedPass ? " (unexpected: listed as known failure)" : ""}`
            : "";
        }),
      ]),
    ),
  );
  if (s.canaries.length > 0) {
    lines.push(
      "",
      "## Canaries",
      "",
      ...markdownTable(
        ["canary", "expected rule", "caught by", "verdict"],
        s.canaries.map((c) => [
          c.canary,
          `\`${c.expectedToBreak}\``,
          c.caughtBy.map((x) => `\`${x}\``).join(", ") || "—",
          c.caught ? (c.caughtByExpected ? "caught" : "caught (not by its named rule)") : "**NOT CAUGHT**",
        ]),
      ),
    );
  }
  const failures = s.results.filter((r) => r.outcome === "FAIL" && !s.canaries.some((c) => c.canary === r.driver));
  if (failures.length > 0) {
    lines.push("", "## Failures", "");
    for (const f of failures) {
      lines.push(
        `### ${f.driver} · \`${f.ruleId}\``,
        "",
        f.title,
        "",
        `- reason: ${f.reason ?? ""}`,
        `- expected: \`${f.expected ?? ""}\``,
        `- actual: \`${f.actual ?? ""}\``,
        `- replay: \`${f.replay}\``,
        "",
      );
      if (f.driverException)
        lines.push(
          `- driver exception in \`${f.driverException.method}()\`: ${f.driverException.name}: ${f.driverException.message}`,
          "",
          "```text",
          driverExceptionText(f).replace(/```/g, "'''"),
          "```",
          "",
        );
    }
  }
  const observed = s.results.filter((r) => r.observed?.length);
  if (observed.length > 0) {
    lines.push("", "## Observed driver behaviour", "");
    for (const r of observed) lines.push(`- ${r.driver} · \`${r.ruleId}\` (${r.outcome}): ${r.observed!.join("; ")}`);
  }
  const skips = s.results.filter((r) => r.outcome === "SKIP" || r.outcome === "NA");
  if (skips.length > 0) {
    lines.push("", "## Skipped and not applicable", "");
    for (const r of skips) lines.push(`- ${r.driver} · \`${r.ruleId}\` — ${r.outcome}: ${r.reason ?? ""}`);
  }
  return `${lines.join("\n")}\n`;
}

export function markdownReporter(outDir: string, file = "conformance.md"): ConformanceReporter {
  return {
    name: "markdown",
    onRunEnd(summary) {
      mkdirSync(outDir, { recursive: true });
      writeFileSync(join(outDir, file), markdownReport(summary));
    },
  };
}
