import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const CBH = fileURLToPath(new URL("../cbh.js", import.meta.url));

function run(
  args: string[],
  onReady?: (url: string, kill: (sig: NodeJS.Signals) => void) => Promise<void>,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CBH, "serve", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let ready = false;
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = /cbh serve: ready on (\S+)/.exec(out);
      if (m && !ready && onReady) {
        ready = true;
        onReady(m[1] as string, (sig) => child.kill(sig)).catch(reject);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => resolve({ code, out }));
  });
}

describe("cbh serve as a process", () => {
  it("serves until SIGINT, then stops cleanly with exit code 0", async () => {
    let status = 0;
    const r = await run(["--port", "0", "--seed", "3"], async (url, kill) => {
      status = (await fetch(`${url}/identity/v3`)).status;
      kill("SIGINT");
    });
    expect(status).toBe(200);
    expect(r.code).toBe(0);
    expect(r.out).toContain("cbh serve: stopped (SIGINT)");
  });

  it("exits 2 with the file and line of a malformed topology, and on bad options", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cbh-serve-cmd-"));
    const file = join(dir, "topo.yaml");
    writeFileSync(file, "zones:\n  - name: az1\n    volumeBackends: [{host: h}]\n    backupHosts: []\n");
    const bad = await run(["--port", "0", "--topology", file]);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain(`${file}:3:22: zones.0.volumeBackends.0 is missing 'backend'`);
    const opt = await run(["--port", "http"]);
    expect(opt.code).toBe(2);
    expect(opt.out).toContain("--port must be an integer from 0 to 65535, got 'http'");
  });
});
