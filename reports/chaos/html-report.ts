import { failing, type RunResult } from "../../scenarios/runner/index.ts";
import { escapeXml as x } from "../common/escape.ts";
import { htmlPage } from "../common/html-page.ts";
import { faultCoverage, outcomeSpread } from "./markdown-report.ts";
import type { ChaosReportMeta } from "./report-meta.ts";
import { traceExcerpt } from "./trace-excerpt.ts";

const CSS =
  "body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}.FAIL{color:#b00}pre{background:#f6f6f6;padding:6px;overflow-x:auto}";

/** The offline HTML page of a chaos run: the summary per scenario and release, then a card per failing seed. */
export function chaosHtml(results: readonly RunResult[], meta: ChaosReportMeta): string {
  const groups = new Map<string, RunResult[]>();
  for (const r of results) groups.set(`${r.scenario}\u0000${r.release}`, [...(groups.get(`${r.scenario}\u0000${r.release}`) ?? []), r]);
  const shard = meta.plan?.shard;
  const body = [
    `<h1>Chaos run</h1><ul><li>command: <code>${x(meta.command)}</code></li>${shard ? `<li>shard: ${shard.index}/${shard.count}</li>` : ""}<li>started: ${x(meta.startedAt)}</li><li>runs: ${results.length}${meta.stopped ? " (stopped at the first failing seed)" : ""}</li></ul>`,
  ];
  body.push(
    "<table><tr><th>scenario</th><th>release</th><th>seeds</th><th>passed</th><th>failed</th><th>outcomes</th><th>fault coverage</th></tr>",
  );
  for (const rs of groups.values()) {
    const seeds = rs.map((r) => r.seed);
    const failed = rs.filter((r) => r.verdict === "FAIL").length;
    body.push(
      `<tr><td>${x(rs[0]!.scenario)}</td><td>${rs[0]!.release}</td><td>${Math.min(...seeds)}..${Math.max(...seeds)}</td><td>${rs.length - failed}</td><td class="${failed ? "FAIL" : ""}">${failed}</td><td>${x(outcomeSpread(rs))}</td><td>${x(faultCoverage(rs))}</td></tr>`,
    );
  }
  body.push("</table>");
  for (const r of results.filter((y) => y.verdict === "FAIL")) {
    body.push(
      `<h2 class="FAIL">FAIL ${x(r.scenario)} — ${r.release}, seed ${r.seed}</h2><p>replay: <code>${x(r.replay)}</code><br>trace hash: <code>${r.traceHash}</code></p>`,
    );
    for (const f of failing(r))
      body.push(`<h3><code>${x(f.code)}</code>: ${x(f.message)}</h3><pre>${x(traceExcerpt(r.trace, f.traceSeq).join("\n"))}</pre>`);
  }
  return htmlPage("cbh chaos run", CSS, body.join("\n"));
}
