import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { runConformance } from "../../run-conformance.ts";
import { loadModuleDriver } from "../module-driver.ts";
import { jsonlLine } from "../../../reports/conformance/jsonl-reporter.ts";
import { junitXml } from "../../../reports/conformance/junit-reporter.ts";

const EXAMPLE = readFileSync(resolve("conformance/examples/standalone-driver.ts"), "utf8");
const dir = mkdtempSync(join(tmpdir(), "cbh-driver-load-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a module into its own directory (optionally with a package.json) and returns its path. */
function put(name: string, text: string, pkg?: object): string {
  const d = mkdtempSync(join(dir, "m-"));
  if (pkg) writeFileSync(join(d, "package.json"), JSON.stringify(pkg));
  writeFileSync(join(d, name), text);
  return join(d, name);
}

const RULES = "round-trip.one-byte,cancel.restore-reset-status-cancels";

async function verdicts(spec: string, rules = RULES, timeoutMs?: number) {
  const s = await runConformance({ drivers: [spec], rules, reporters: [], ...(timeoutMs ? { timeoutMs } : {}) });
  return s.results;
}

describe("third-party drivers load from anywhere (tsx, a worker thread)", () => {
  const variants: Array<[string, () => string]> = [
    [".ts with no package.json", () => put("my-driver.ts", EXAMPLE)],
    [".mts", () => put("my-driver.mts", EXAMPLE)],
    [".ts under a CommonJS package.json", () => put("my-driver.ts", EXAMPLE, { type: "commonjs" })],
    [
      "compiled ESM .js with no package.json",
      () =>
        put(
          "my-driver.js",
          ts.transpileModule(EXAMPLE, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText,
        ),
    ],
  ];
  for (const [what, make] of variants) {
    it(`${what}: gets a verdict, and its own BackupRestoreCancel counts as cinder's`, async () => {
      const rs = await verdicts(`${make()}#StandaloneDriver`);
      expect(rs.map((r) => [r.ruleId, r.outcome, r.reason ?? ""])).toEqual(RULES.split(",").map((id) => [id, "PASS", ""]));
    });
  }

  it("the CLI, run from outside the repository, gives a verdict", () => {
    const path = put("driver.ts", EXAMPLE);
    const r = spawnSync(
      process.execPath,
      [resolve("bin/cbh.js"), "conformance", "--driver", `${path}#StandaloneDriver`, "--rules", "round-trip.one-byte"],
      { cwd: dir, encoding: "utf8" },
    );
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("1 passed, 0 failed");
    expect(r.status).toBe(0);
  });

  it("a class whose methods are arrow-function fields is constructed with new", async () => {
    const src = EXAMPLE.replace(
      /async (checkForSetupError|exportRecord|importRecord)\(\)(: Promise<[^>]+>)? \{/g,
      "$1 = async ()$2 => {",
    ).replace("async deleteBackup(b: Row): Promise<void> {", "deleteBackup = async (b: Row): Promise<void> => {");
    expect(src).toContain("checkForSetupError = async ()");
    const dut = await loadModuleDriver(`${put("arrows.ts", src)}#StandaloneDriver`);
    expect(dut.label).toContain("example.StandaloneDriver");
  });
});

describe("CBH_DRIVER_LOAD: every way a module or class can be wrong", () => {
  const cases: Array<[string, string, string, RegExp]> = [
    ["module-not-found", "", "X", /does not exist/],
    ["import-failed", "export const x: number = ;", "x", /cannot import driver module .*SyntaxError|Transform failed/],
    ["import-failed", "throw new RangeError('no config');\nexport class D {}", "D", /RangeError: no config/],
    ["export-missing", "export class A {}\nexport const b = 1;", "Nope", /has no export 'Nope' \(exports: A, b\)/],
    ["not-a-driver", "export const D = 42;", "D", /is a number, not a BackupDriver class/],
    ["constructor-threw", "export class D { constructor() { throw new Error('needs a token'); } }", "D", /threw Error: needs a token/],
    [
      "missing-methods",
      "export class D { name = 'd'; capabilities = {}; async backup() { return null; } }",
      "D",
      /lacks checkForSetupError\(\), restore\(\), deleteBackup\(\), exportRecord\(\), importRecord\(\)/,
    ],
    ["no-capabilities", EXAMPLE.replace(/readonly capabilities = \{[^}]*\};/, ""), "StandaloneDriver", /declares no capabilities/],
    ["not-a-driver", "export const D = () => 7;", "D", /returned number, not a BackupDriver/],
  ];
  for (const [reason, src, exp, message] of cases) {
    it(`${reason}: ${message.source.slice(0, 40)}`, async () => {
      const path = src ? put("bad.ts", src) : join(dir, "missing.ts");
      const e = await loadModuleDriver(`${path}#${exp}`).then(
        () => null,
        (x: unknown) => x as Error & { code?: string; reason?: string },
      );
      expect(e).not.toBeNull();
      expect({ code: e!.code, reason: e!.reason }).toEqual({ code: "CBH_DRIVER_LOAD", reason });
      expect(e!.message).toMatch(message);
    });
  }

  it("the CLI prints the code and the sub-reason, exit 2, no stack", () => {
    const path = put("bad.ts", "export class D { constructor() { throw new Error('needs a token'); } }");
    const r = spawnSync(process.execPath, [resolve("bin/cbh.js"), "conformance", "--driver", `${path}#D`], { cwd: dir, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^cbh conformance: \[CBH_DRIVER_LOAD\] constructor-threw: new Driver\(\{store, host, config\}\) of .* threw Error: needs a token\n$/,
    );
  });
});

describe("a driver that misbehaves at run time", () => {
  it("--timeout stops a driver stuck in a synchronous loop and names the method", async () => {
    const src = EXAMPLE.replace("if (b.parent_id)", "while (b.id) { /* never yields */ }\n    if (b.parent_id)");
    const started = Date.now();
    const [r] = await verdicts(`${put("stuck.ts", src)}#StandaloneDriver`, "round-trip.one-byte", 10_000);
    expect(Date.now() - started).toBeLessThan(45_000);
    expect(r!.outcome).toBe("FAIL");
    // backup() is where it loops; on a heavily loaded machine the worker may still be starting (checkForSetupError pending)
    expect(r!.reason).toMatch(/^rule timed out after 10000 ms with the driver still in (backup|checkForSetupError)\(\)$/);
  });

  it("an exception carries the method, name, message and the driver's own stack frame into the reports", async () => {
    const path = put(
      "throws.ts",
      EXAMPLE.replace("if (b.parent_id)", "if (file.sizeBytes > 0) throw new TypeError('boom');\n    if (b.parent_id)"),
    );
    const s = await runConformance({
      drivers: [`${path}#StandaloneDriver`],
      rules: "round-trip.one-byte,cloud.volume-metadata-round-trips",
      reporters: [],
    });
    for (const r of s.results) {
      expect(r.outcome).toBe("FAIL");
      expect(r.driverException).toMatchObject({ method: "backup", name: "TypeError", message: "boom" });
      expect(r.driverException!.stack).toContain(`${path}:`);
      expect(r.reason).toContain("TypeError in backup(): boom");
      expect(JSON.parse(jsonlLine(r)).driver_exception).toMatchObject({ method: "backup", name: "TypeError" });
    }
    expect(junitXml(s)).toContain(
      `driver exception in backup(): TypeError: boom\nTypeError: boom\n    at StandaloneDriver.backup (${path}:`,
    );
  });
});
