import { describe, expect, it } from "vitest";
import { COMPAT_CASES } from "../../../conformance/compat/compat-cases.ts";
import { parseCompatArgs } from "./compat-args.ts";

const errorOf = (argv: string[]) => {
  const p = parseCompatArgs(argv);
  return p.kind === "error" ? p.message : `no error (${p.kind})`;
};

describe("cbh compat arguments", () => {
  it("defaults: posix, both directions, every case, seed 1, release images", () => {
    const p = parseCompatArgs(["--from", "zed", "--to", "epoxy"]);
    expect(p.kind).toBe("run");
    if (p.kind !== "run") return;
    expect(p.args).toMatchObject({
      from: "zed",
      to: "epoxy",
      drivers: ["posix"],
      directions: ["upgrade", "downgrade"],
      seed: 1,
      images: {},
    });
    expect(p.args.cases.map((c) => c.id)).toEqual(COMPAT_CASES.map((c) => c.id));
  });

  it("takes drivers with or without cinder:, one direction, cases, images, a report directory", () => {
    const p = parseCompatArgs([
      "--from=zed",
      "--to=zed",
      "--driver",
      "cinder:s3",
      "--driver",
      "swift",
      "--direction",
      "downgrade",
      "--case",
      "sparse",
      "--case",
      "full",
      "--to-image",
      "me/drivers:1",
      "--report",
      "out",
      "--timeout",
      "90000",
    ]);
    if (p.kind !== "run") throw new Error(JSON.stringify(p));
    expect(p.args.drivers).toEqual(["s3", "swift"]);
    expect(p.args.directions).toEqual(["downgrade"]);
    expect(p.args.cases.map((c) => c.id)).toEqual(["full", "sparse"]); // catalogue order
    expect(p.args.images).toEqual({ to: "me/drivers:1" });
    expect(p.args).toMatchObject({ report: "out", timeoutMs: 90000 });
  });

  it("bad input is an error message naming what is wrong, never a throw", () => {
    expect(errorOf([])).toMatch(/--from and --to are required/);
    expect(errorOf(["--from", "zed"])).toMatch(/--from and --to are required/);
    expect(errorOf(["--from", "yoga", "--to", "epoxy"])).toBe("--from: unknown cinder release 'yoga' (known: zed, epoxy)");
    expect(errorOf(["--from", "zed", "--to", "master"])).toBe("--to: unknown cinder release 'master' (known: zed, epoxy)");
    expect(errorOf(["--from", "epoxy", "--to", "zed"])).toBe(
      "--from epoxy is newer than --to zed: give the older release as --from (epoxy → zed is the downgrade direction of --from zed --to epoxy)",
    );
    expect(errorOf(["--from", "zed", "--to", "epoxy", "--driver", "tape"])).toMatch(
      /^--driver tape: unknown driver 'cinder:tape': cinder drivers are cinder:posix/,
    );
    expect(errorOf(["--from", "zed", "--to", "epoxy", "--driver", "posix", "--driver", "cinder:posix"])).toBe("--driver: each driver once");
    expect(errorOf(["--from", "zed", "--to", "epoxy", "--direction", "sideways"])).toBe(
      "--direction must be upgrade, downgrade or both, got 'sideways'",
    );
    expect(errorOf(["--from", "zed", "--to", "epoxy", "--case", "full", "--case", "lz4"])).toMatch(
      /^--case: unknown case lz4: cases are full, /,
    );
    expect(errorOf(["--from", "zed", "--to", "epoxy", "--seed", "1.5"])).toMatch(/--seed must be a non-negative integer/);
    expect(errorOf(["--from", "zed", "--to", "epoxy", "--timeout", "0"])).toMatch(/--timeout must be a positive number/);
    expect(errorOf(["--from", "zed", "--to", "epoxy", "--from-image", " "])).toBe("--from-image needs an image name");
    expect(errorOf(["--from", "zed", "--to", "epoxy", "--bogus"])).toBe("unknown option --bogus (see cbh compat --help)");
    expect(errorOf(["--from", "zed", "--to", "epoxy", "--drivr", "s3"])).toBe(
      "unknown option --drivr; did you mean --driver? (see cbh compat --help)",
    );
    expect(errorOf(["zed"])).toBe("unexpected argument 'zed' (see cbh compat --help)");
  });

  it("--help and --list need no releases", () => {
    expect(parseCompatArgs(["--help"]).kind).toBe("help");
    expect(parseCompatArgs(["--list"]).kind).toBe("list");
  });
});
