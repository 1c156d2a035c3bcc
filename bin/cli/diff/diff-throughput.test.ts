import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/index.ts";
import { runDiffCommand } from "../commands/diff.ts";
import { startQuietServe } from "./simulator-factory.ts";

// `cbh diff` against a second `cbh serve` (other seed): the summary carries the throughput of both
// sides on the same sequences, in the JSON summary line, the text summary and diff.md.
describe("cbh diff's throughput figure", () => {
  const dir = mkdtempSync(join(tmpdir(), "cbh-diff-throughput-"));
  const saved = process.env.OS_CLIENT_CONFIG_FILE;
  let served: RunningServer;
  beforeAll(async () => {
    served = await startQuietServe(4243, "zed");
    const entry = (u: string) =>
      `    auth: {auth_url: "${served.authUrl}", username: ${u}, password: ${u}, project_name: ${u}, user_domain_name: Default, project_domain_name: Default}\n`;
    writeFileSync(join(dir, "clouds.yaml"), `clouds:\n  served:\n${entry("demo")}  served-admin:\n${entry("admin")}`);
    process.env.OS_CLIENT_CONFIG_FILE = join(dir, "clouds.yaml");
  });
  afterAll(async () => {
    await served.close();
    if (saved === undefined) delete process.env.OS_CLIENT_CONFIG_FILE;
    else process.env.OS_CLIENT_CONFIG_FILE = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives operations, seconds and ops/s for the simulator and the target of the same run", async () => {
    let out = "";
    const report = join(dir, "report");
    const argv = ["--cloud", "served", "--admin-cloud", "served-admin", "--seeds", "1..3", "--report", report];
    const io = { out: (s: string) => void (out += s), err: () => undefined, runId: "cbh-diff-tp" };
    expect(await runDiffCommand([...argv, "--json"], io)).toBe(0);
    const summary = (JSON.parse(out.trim().split("\n").at(-1)!) as { summary: Record<string, unknown> }).summary;
    const t = summary["throughput"] as {
      operations: number;
      lanes: number;
      wallSeconds: number;
      simulator: { seconds: number; opsPerSecond: number };
      target: { seconds: number; opsPerSecond: number };
      speedup: number;
    };
    expect(t.operations).toBe(summary["operations"]);
    expect(t.operations).toBeGreaterThan(20);
    expect(t.lanes).toBe(1);
    for (const side of [t.simulator, t.target]) {
      expect(side.seconds).toBeGreaterThan(0);
      expect(side.opsPerSecond).toBeCloseTo(t.operations / side.seconds, 0);
    }
    // both sides ran within the run's wall time, one after the other
    expect(t.simulator.seconds + t.target.seconds).toBeLessThanOrEqual(t.wallSeconds + 0.01);
    expect(t.speedup).toBeCloseTo(t.simulator.opsPerSecond / t.target.opsPerSecond, 0);
    expect(readFileSync(join(report, "diff.md"), "utf8")).toContain(`- throughput: ${t.operations} operations; simulator `);

    out = "";
    expect(await runDiffCommand(argv, { ...io, runId: "cbh-diff-tp2" })).toBe(0);
    expect(out).toMatch(
      /\nthroughput: \d+ operations; simulator [\d.]+ ops\/s \([\d.]+ s\), served [\d.]+ ops\/s \([\d.]+ s\): simulator [\d.]+× faster; 1 lane, run wall time [\d.]+ s\n$/,
    );
  });
});
