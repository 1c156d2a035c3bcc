import { failing, type RunResult } from "../../scenarios/runner/index.ts";
import { escapeXml } from "../common/escape.ts";

/**
 * JUnit XML of a chaos run for CI (Zuul, GitHub Actions): one testsuite per scenario and
 * release, one testcase per seed, a failure per failing seed with its findings and replay
 * command. No wall-clock times, so a merged report equals the unsharded run's.
 */
export function chaosJunit(results: readonly RunResult[]): string {
  const groups = new Map<string, RunResult[]>();
  for (const r of results) groups.set(`${r.scenario}\u0000${r.release}`, [...(groups.get(`${r.scenario}\u0000${r.release}`) ?? []), r]);
  const failures = results.filter((r) => r.verdict === "FAIL").length;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="cbh chaos" tests="${results.length}" failures="${failures}">`];
  for (const rs of groups.values()) {
    const { scenario, release, file } = rs[0]!;
    out.push(
      `  <testsuite name="${escapeXml(`${scenario} (${release})`)}" tests="${rs.length}" failures="${rs.filter((r) => r.verdict === "FAIL").length}">`,
    );
    out.push(
      `    <properties><property name="file" value="${escapeXml(file)}"/><property name="release" value="${release}"/></properties>`,
    );
    for (const r of rs) {
      const open = `    <testcase name="seed ${r.seed}" classname="${escapeXml(`chaos.${scenario}.${release}`)}"`;
      if (r.verdict === "PASS") {
        out.push(`${open}/>`);
        continue;
      }
      const f = failing(r);
      const body = [...f.map((x) => `[${x.code}] ${x.message}`), `trace hash: ${r.traceHash}`, `replay: ${r.replay}`].join("\n");
      out.push(
        `${open}>`,
        `      <failure message="${escapeXml(f.map((x) => x.code).join(", "))}" type="ChaosFinding">${escapeXml(body)}</failure>`,
        "    </testcase>",
      );
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>", "");
  return out.join("\n");
}
