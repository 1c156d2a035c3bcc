import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runWorkflow, WORKFLOWS } from "../../../sim/workflows/index.ts";
import { replay } from "./replay.ts";

describe("cbh replay geometry", () => {
  let out: string[];
  beforeEach(() => {
    out = [];
    vi.spyOn(process.stdout, "write").mockImplementation((s) => (out.push(String(s)), true));
  });
  afterEach(() => vi.restoreAllMocks());

  const verdicts = () =>
    out
      .flatMap((l) => l.split("\n"))
      .filter((l) => l.includes('"verdict"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  it("defaults to real geometry (as cbh serve); --geometry small is the explicit option; a bad value is a usage error", async () => {
    expect(await replay.run(["service-list", "--release", "zed", "--json"])).toBe(0);
    expect(verdicts()[0]).toMatchObject({ workflow: "service-list", geometry: "real", verdict: "PASS" });
    out.length = 0;
    expect(await replay.run(["service-list", "--release", "zed", "--json", "--geometry", "small"])).toBe(0);
    expect(verdicts()[0]).toMatchObject({ geometry: "small", verdict: "PASS" });
    await expect(replay.run(["service-list", "--geometry", "huge"])).rejects.toThrow("--geometry must be small or real, got 'huge'");
    await expect(replay.run(["service-list", "extra"])).rejects.toThrow("give one workflow (or all), got 2: service-list extra");
  });

  it("full-backup passes at real geometry: a 1 GiB device with a few extents, one object per 1999994880-byte chunk, a byte-exact restore", async () => {
    const wf = WORKFLOWS.find((w) => w.id === "full-backup")!;
    const r = await runWorkflow(wf, 1, "zed", { geometry: "real" });
    expect(r.deviations).toEqual([]);
    expect(r.error).toBeUndefined();
    expect(r.ok).toBe(true);
  }, 60_000);
});

describe("cbh replay --cloud with a cloud that cannot be used", () => {
  let err: string;
  let dir: string;
  beforeEach(() => {
    err = "";
    dir = mkdtempSync(join(tmpdir(), "cbh-replay-cloud-"));
    vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a typo in the cloud name is bad input (exit 2, naming it and the clouds there), never a workflow verdict", async () => {
    const file = join(dir, "clouds.yaml");
    writeFileSync(
      file,
      "clouds:\n  mycloud:\n    auth: { auth_url: 'http://127.0.0.1:1/v3', username: u, password: p, project_name: x }\n",
    );
    vi.stubEnv("OS_CLIENT_CONFIG_FILE", file);
    expect(await replay.run(["full-backup", "--cloud", "mycloudd"])).toBe(2);
    expect(err).toMatch(/^cbh replay: cloud "mycloudd": no such cloud in clouds\.yaml \(searched: .*\); clouds there: mycloud\n$/);
  });
});
