import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ConformanceReporter, RuleResult, RunSummary } from "../../conformance/runner/reporter.ts";
import { escapeXml as e } from "../common/escape.ts";
import { htmlPage } from "../common/html-page.ts";
import { sequenceDiagramSvg } from "../common/sequence-diagram.ts";
import { driverExceptionText } from "../common/driver-exception-text.ts";
import { cinderIdentityText } from "../common/cinder-identity-text.ts";

const CSS = `body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse}
th,td{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#f4f4f8}
td.PASS{background:#dfd}td.FAIL{background:#fcc;font-weight:bold}td.SKIP{background:#eee}td.NA{background:#f6f6f6;color:#888}
.card{border:1px solid #e99;border-radius:6px;margin:12px 0;padding:0 12px;background:#fff8f8}
.card summary{cursor:pointer;padding:8px 0;font-weight:bold}pre{background:#f6f6f6;padding:8px;overflow:auto;white-space:pre-wrap}
.counts td{font-weight:bold}code{background:#f2f2f2;padding:1px 3px}.seq{background:#fff;border:1px solid #ddd}`;

/** One self-contained offline page: header, drivers × rules matrix with counts, one card per failure. */
export function htmlReport(s: RunSummary): string {
  const drivers = s.info.drivers;
  const head = drivers.map((d) => `<th data-driver="${e(d.id)}">${e(d.id)}</th>`).join("");
  const rows = s.info.rules.map((rule) => {
    const cells = drivers.map((d) => {
      const r = s.results.find((x) => x.driver === d.id && x.ruleId === rule.id);
      if (!r) return "<td></td>";
      const link =
        r.outcome === "FAIL"
          ? `<a href="#${cardId(r)}">FAIL</a>${r.knownFailure ? " (known)" : ""}`
          : `${r.outcome}${r.unexpectedPass ? " (unexpected)" : ""}`;
      return `<td class="${r.outcome}" data-driver="${e(d.id)}" data-rule="${e(rule.id)}" title="${e(r.reason ?? "")}">${link}</td>`;
    });
    return `<tr><td><code>${e(rule.id)}</code></td>${cells.join("")}</tr>`;
  });
  const countRows = (["PASS", "FAIL", "SKIP", "NA"] as const).map(
    (o) =>
      `<tr class="counts"><td>${o}</td>${drivers.map((d) => `<td class="count" data-driver="${e(d.id)}" data-outcome="${o}">${s.counts[d.id]?.[o] ?? 0}</td>`).join("")}</tr>`,
  );
  const canaries =
    s.canaries.length === 0
      ? ""
      : `<h2>Canaries</h2><table id="canaries"><tr><th>canary</th><th>expected rule</th><th>caught by</th><th>verdict</th></tr>${s.canaries
          .map(
            (c) =>
              `<tr><td>${e(c.canary)}</td><td><code>${e(c.expectedToBreak)}</code></td><td>${c.caughtBy.map((x) => `<code>${e(x)}</code>`).join(" ") || "—"}</td><td class="${c.caught ? "PASS" : "FAIL"}">${c.caught ? (c.caughtByExpected ? "caught" : "caught (not by its named rule)") : "NOT CAUGHT"}</td></tr>`,
          )
          .join("")}</table>`;
  const failures = s.results.filter((r) => r.outcome === "FAIL");
  return htmlPage(
    "cbh conformance report",
    CSS,
    `<h1>Backup driver conformance</h1>
<p>cinder-backup-harness ${e(s.info.harness?.version ?? "")}${s.info.harness?.gitSha ? ` (${e(s.info.harness.gitSha)})` : ""} · cinder 21.3.1 (Zed) semantics · seed <b>${s.info.seed}</b> · started ${e(s.info.startedAt)} · ${(s.durationMs / 1000).toFixed(1)} s · ${s.info.rules.length} rules × ${drivers.length} drivers</p>
<h2>Drivers</h2>
<table id="drivers"><tr><th>driver</th><th>cinder</th><th>what</th><th>declared capabilities</th></tr>${drivers.map((d) => `<tr><td>${e(d.id)}</td><td>${e(cinderIdentityText(d.cinder))}</td><td>${e(d.label)}</td><td>${e(capabilityList(d.capabilities))}</td></tr>`).join("")}</table>
<h2>Matrix</h2>
<table id="matrix"><thead><tr><th>rule</th>${head}</tr></thead><tbody>${rows.join("")}</tbody><tfoot>${countRows.join("")}</tfoot></table>
${canaries}
<h2>Failures (${failures.length})</h2>
${failures.map(card).join("\n")}`,
  );
}

function capabilityList(c: RunSummary["info"]["drivers"][number]["capabilities"]): string {
  const flags = Object.entries(c)
    .filter(([k, v]) => k !== "compression" && v === true)
    .map(([k]) => k);
  return `${flags.join(", ") || "none"}; compression: ${c.compression.join(", ") || "none"}`;
}

function cardId(r: RuleResult): string {
  return `fail-${r.driver}-${r.ruleId}`.replace(/[^A-Za-z0-9_.-]/g, "_");
}

function card(r: RuleResult): string {
  return `<details class="card" id="${cardId(r)}" data-driver="${e(r.driver)}" data-rule="${e(r.ruleId)}">
<summary>${e(r.driver)} · ${e(r.ruleId)}</summary>
<p>${e(r.title)}<br><small>from ${e(r.source)}</small></p>
<p><b>${e(r.reason ?? "")}</b></p>${r.knownFailure ? `<p class="known">Known failure: ${e(r.knownFailure)}</p>` : ""}
<table><tr><th>expected</th><td><pre>${e(r.expected ?? "")}</pre></td></tr><tr><th>actual</th><td><pre>${e(r.actual ?? "")}</pre></td></tr></table>
${r.driverException ? `<p>Driver exception in <code>${e(r.driverException.method)}()</code>:</p><pre class="driver-exception">${e(driverExceptionText(r))}</pre>` : ""}
<p>Replay: <code class="replay">${e(r.replay)}</code></p>
${r.counterexample ? `<p>Shrunk commands:</p><pre>${e(r.counterexample.join("\n"))}</pre>` : ""}
${r.trace && r.trace.length > 0 ? `<p>Trace (${r.trace.length} steps, last shown):</p>${sequenceDiagramSvg(r.trace)}` : ""}
</details>`;
}

export function htmlReporter(outDir: string, file = "conformance.html"): ConformanceReporter {
  return {
    name: "html",
    onRunEnd(summary) {
      mkdirSync(outDir, { recursive: true });
      writeFileSync(join(outDir, file), htmlReport(summary));
    },
  };
}
