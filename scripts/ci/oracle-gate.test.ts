import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** scripts/ci/oracle-gate.list: `IMAGE[,IMAGE…]  FILE` per line, `#` comments. */
const entries = readFileSync("scripts/ci/oracle-gate.list", "utf8")
  .split("\n")
  .filter((l) => l.trim() && !l.trim().startsWith("#"))
  .map((l) => l.trim().split(/\s+/));

/** fixtures/images/<dir> of an image name as docker-up.sh resolves it (NAME or NAME-RELEASE). */
function imageDir(name: string): string | undefined {
  if (existsSync(`fixtures/images/${name}/Dockerfile`)) return name;
  const m = /^(.+)-(zed|epoxy)$/.exec(name);
  if (!m) return undefined;
  const releases = existsSync(`fixtures/images/${m[1]}/RELEASES`)
    ? readFileSync(`fixtures/images/${m[1]}/RELEASES`, "utf8").split(/\s+/)
    : [];
  return releases.includes(m[2]!) ? m[1] : undefined;
}

describe("the oracle gate of npm run test:integration", () => {
  it("lists existing *.oracle.test.ts files, each with images docker-up.sh can build", () => {
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      expect(e, e.join(" ")).toHaveLength(2);
      const [images, file] = e as [string, string];
      expect(file).toMatch(/\.oracle\.test\.ts$/);
      expect(existsSync(file), file).toBe(true);
      for (const image of images.split(",")) expect(imageDir(image), `${image} (${file})`).toBeDefined();
    }
  });

  it("gates on the Zed cbh diff fixed seeds and the Epoxy gate; the 14 workflows stay in npm run test:oracle (docs/oracle.md)", () => {
    const files = entries.map((e) => e[1]);
    expect(files).toContain("bin/cli/diff/bundled-diff.oracle.test.ts");
    expect(entries).toContainEqual(["ceph,cinder-epoxy", "bin/cli/diff/bundled-epoxy.oracle.test.ts"]);
    expect(files).not.toContain("lib/remote/bundled-cloud.oracle.test.ts");
    expect(existsSync("lib/remote/bundled-cloud.oracle.test.ts")).toBe(true);
  });

  it("runs after the whole integration project, and a failure there fails the script", () => {
    const integration = readFileSync("scripts/ci/integration.sh", "utf8");
    expect(integration).toMatch(/^set -euo pipefail$/m);
    expect(integration).toMatch(
      /if \[ "\$\{CBH_VITEST_PROJECT:-integration\}" = integration \] && \[ \$# -eq 0 \]; then\n(.*\n)*?\s+scripts\/ci\/oracle-gate\.sh\n/,
    );
    const gate = readFileSync("scripts/ci/oracle-gate.sh", "utf8");
    expect(gate).toMatch(/^set -euo pipefail$/m);
    expect(gate).toContain('npx vitest run --project oracle "$f" || failed+=("$f")');
    expect(gate).toMatch(/if \[ \$\{#failed\[@\]\} -gt 0 \]; then .* exit 1; fi/);
  });

  it("a list naming a missing file, or no file, fails before any image is built", () => {
    const dir = mkdtempSync(join(tmpdir(), "cbh-oracle-gate-"));
    try {
      const run = (text: string) => {
        writeFileSync(join(dir, "list"), text);
        return spawnSync("bash", ["scripts/ci/oracle-gate.sh"], {
          env: { ...process.env, CBH_ORACLE_GATE_LIST: join(dir, "list") },
          encoding: "utf8",
        });
      };
      const missing = run("# c\nceph,cinder  lib/nowhere.oracle.test.ts\n");
      expect(missing.status).toBe(1);
      expect(missing.stderr).toBe(`oracle gate: ${join(dir, "list")} names lib/nowhere.oracle.test.ts, which does not exist\n`);
      const empty = run("# only a comment\n");
      expect(empty.status).toBe(1);
      expect(empty.stderr).toBe(`oracle gate: ${join(dir, "list")} lists no test\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
