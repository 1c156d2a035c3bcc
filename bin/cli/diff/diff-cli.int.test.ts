import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startServeProcess, type ServeProcess } from "../../server/testing/client-runner.ts";

const CBH = fileURLToPath(new URL("../../cbh.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "cbh-diff-int-"));
let target: ServeProcess;

beforeAll(async () => {
  target = await startServeProcess(["--seed", "777", "--geometry", "small", "--cinder-crashes", "faithful"]);
  const entry = (user: string) =>
    `    auth: {auth_url: "${target.url}/identity/v3", username: ${user}, password: ${user}, project_name: ${user}, user_domain_name: Default, project_domain_name: Default}\n`;
  writeFileSync(join(dir, "clouds.yaml"), `clouds:\n  served:\n${entry("demo")}  served-admin:\n${entry("admin")}`);
});
afterAll(async () => target?.stop());

/** The fixed set of `npm run test:integration`: the real `cbh diff` process against a `cbh serve`
 *  process; any unexplained divergence fails it. */
it("cbh diff --seeds 1..30 against a separate cbh serve process: every sequence agrees, exit 0, reports written", async () => {
  const report = join(dir, "report");
  const args = [
    CBH,
    "diff",
    "--cloud",
    "served",
    "--admin-cloud",
    "served-admin",
    "--target-sim-api",
    "--seeds",
    "1..30",
    "--report",
    report,
  ];
  const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(
      process.execPath,
      args,
      { env: { ...process.env, OS_CLIENT_CONFIG_FILE: join(dir, "clouds.yaml") }, timeout: 300_000 },
      (e, stdout, stderr) => resolve({ code: e ? Number((e as { code?: number }).code ?? 255) : 0, stdout, stderr }),
    ),
  );
  expect(r.stderr).not.toContain("DIVERGENCE");
  expect(r.stdout).toMatch(
    /^30 sequences, \d+ operations against cloud served \(run cbh-diff-[0-9a-z]+\): 30 agree \(100\.0 %\), 0 unexplained and 0 explained divergences$/m,
  );
  expect(r.code).toBe(0);
  expect(readFileSync(join(report, "junit.xml"), "utf8")).toContain('tests="30" failures="0"');
  expect(readFileSync(join(report, "diff.jsonl"), "utf8").trim().split("\n")).toHaveLength(30);
});
