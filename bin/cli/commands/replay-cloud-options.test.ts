import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { replay } from "./replay.ts";

// `cbh replay --cloud | --bundled` has no report writer, no geometry (the real cloud's volumes are
// its own) and no step trace to quiet: each of those options is a usage error there, before any
// cloud is contacted or started, never silently ignored.
describe("cbh replay --cloud/--bundled refuses the simulated replay's options", () => {
  let err: string;
  beforeEach(() => {
    err = "";
    vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  });
  afterEach(() => vi.restoreAllMocks());

  it.each([
    [["--bundled", "--report", "reports/out/x"], "--report applies to the simulated replay only, not with --bundled"],
    [["--bundled", "--geometry", "small"], "--geometry applies to the simulated replay only, not with --bundled"],
    [["--cloud", "nosuch", "--quiet"], "--quiet applies to the simulated replay only, not with --cloud"],
    [
      ["--cloud", "nosuch", "--quiet", "--geometry", "real", "--report", "r"],
      "--report, --geometry, --quiet apply to the simulated replay only, not with --cloud",
    ],
  ])("cbh replay full-backup %j is a usage error", async (flags, message) => {
    const run = replay.run(["full-backup", ...flags]);
    await expect(run).rejects.toMatchObject({ code: "usage", message: expect.stringContaining(message) });
    expect(err).toBe(""); // no "starting the bundled … cloud", no cloud lookup
  });

  it("the simulated replay still takes --geometry and --quiet", async () => {
    expect(await replay.run(["service-list", "--geometry", "small", "--quiet", "--release", "zed"])).toBe(0);
  });
});
