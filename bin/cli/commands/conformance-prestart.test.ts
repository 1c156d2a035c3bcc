import { availableParallelism } from "node:os";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SUITE_WORKER } from "../../../conformance/runner/suite-worker-url.ts";
import { takePrestarted } from "../../../lib/jobs/index.ts";
import { main } from "../main.ts";
import { conformance } from "./conformance.ts";
import { PRESTART_MAX, conformanceWorkers, prestartConformance } from "./conformance-prestart.ts";

describe("cbh conformance starts its worker threads before it loads the suite", () => {
  it("as many as --jobs N asks beside this thread, and none where no pool will run", () => {
    expect(conformanceWorkers(["--driver", "ref", "--jobs", "3"])).toBe(2);
    expect(conformanceWorkers(["--jobs=2", "--rules", "model.*"])).toBe(1);
    expect(conformanceWorkers(["--canaries"])).toBe(Math.min(PRESTART_MAX, availableParallelism() - 1));
    // a large machine starts a few early; the pool starts the rest once it knows the units
    expect(conformanceWorkers(["--jobs", "64"])).toBe(PRESTART_MAX);
    expect(conformanceWorkers(["--jobs", "1"])).toBe(0);
    // drivers in their own processes: --jobs runs lanes in this thread
    expect(conformanceWorkers(["--driver", "cinder:posix", "--jobs", "4"])).toBe(0);
    expect(conformanceWorkers(["--driver=exec:./my-driver", "--jobs", "4"])).toBe(0);
    expect(conformanceWorkers(["--python-canaries", "--jobs", "4"])).toBe(0);
    // one unit, or none
    expect(conformanceWorkers(["--replay", "3:1:0", "--jobs", "4"])).toBe(0);
    expect(conformanceWorkers(["--list", "--jobs", "4"])).toBe(0);
    expect(conformanceWorkers(["-h"])).toBe(0);
    // bad usage is the command's to report
    expect(conformanceWorkers(["--jobs", "zero"])).toBe(0);
    expect(conformanceWorkers(["--jobs"])).toBe(0);
  });

  describe("end to end", () => {
    let out: string[];
    beforeEach(() => {
      out = [];
      vi.spyOn(process.stdout, "write").mockImplementation((s) => (out.push(String(s)), true));
      vi.spyOn(process.stderr, "write").mockImplementation((s) => (out.push(String(s)), true));
    });
    afterEach(() => vi.restoreAllMocks());

    const ARGS = ["--driver", "ref", "--rules", "model.*,delete.*", "--runs", "6", "--seed", "4"];
    const verdicts = () => out.filter((l) => /\b(PASS|FAIL)\b|passed, \d+ failed/.test(l)).map((l) => l.replace(/ \(\d+ ms\)/, ""));

    it("with its worker prestarted, --jobs 2 gives the results of --jobs 1 and leaves no worker behind", async () => {
      expect(await conformance.run([...ARGS, "--jobs", "1"])).toBe(0);
      const one = verdicts();
      out.length = 0;
      expect(prestartConformance([...ARGS, "--jobs", "2"])).toBe(1);
      expect(await conformance.run([...ARGS, "--jobs", "2"])).toBe(0);
      expect(verdicts()).toEqual(one);
      expect(await takePrestarted(SUITE_WORKER, 1)).toEqual([]);
    }, 120_000);

    it("cbh (main) prestarts and ends what no pool took: a bad --seed leaves no worker behind", async () => {
      expect(await main(["conformance", ...ARGS, "--seed", "x", "--jobs", "2"])).toBe(2);
      expect(out.join("")).toContain("--seed must be a non-negative integer");
      expect(await takePrestarted(SUITE_WORKER, 1)).toEqual([]);
      expect(await main(["conformance", ...ARGS, "--jobs", "2", "--quiet"])).toBe(0);
    }, 120_000);
  });
});
