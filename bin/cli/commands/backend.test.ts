import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backend } from "./backend.ts";

describe("cbh backend: a wrong sub-command or backend name says which, exit 2, before any container starts", () => {
  let err: string;
  beforeEach(() => {
    err = "";
    vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  });
  afterEach(() => vi.restoreAllMocks());

  it.each([
    [[], "expected 'start KIND'"],
    [["strat", "ceph"], "unknown sub-command 'strat'; expected 'start KIND'"],
    [["start"], "start needs a KIND"],
    [["start", "cepph"], "unknown backend 'cepph'; one of: ceph, swift, swift-keystone, gcs, nfs, cinder"],
    [["start", "ceph", "extra"], "unexpected argument 'extra'"],
  ])("%j → %s", async (argv, message) => {
    expect(await backend.run(argv)).toBe(2);
    expect(err.split("\n")[0]).toBe(`cbh backend: ${message}`);
    expect(err).toContain("usage: cbh backend start KIND");
  });

  it("an unknown option names it and --help", async () => {
    await expect(backend.run(["start", "ceph", "--jsn"])).rejects.toThrow(
      "unknown option --jsn; did you mean --json? (see cbh backend --help)",
    );
  });
});
