import { describe, expect, it } from "vitest";
import { harnessRunId } from "../../../lib/backends/run-id.ts";
import { protocolDriverSpec } from "../driver-specs.ts";
import { hostPython } from "../python-runtime.ts";
import { inContainer } from "./container-command.ts";

describe("--driver-runtime: where the shim runs", () => {
  it("container is the default: the drivers image, the shim from /opt/cbh, --driver-path directories by absolute path", () => {
    const spec = protocolDriverSpec("python:cbh_canaries.posix.WrongMd5", { driverPaths: ["conformance/drivers/python/canaries"] });
    expect(spec.container).toEqual({
      image: "local/cbh-drivers:ci",
      defaultImage: true,
      driverPaths: [`${process.cwd()}/conformance/drivers/python/canaries`],
    });
    expect(spec.cmd.command).toBe("python3");
    expect(spec.cmd.args).toEqual(["-m", "cbh_shim", "cbh_canaries.posix.WrongMd5"]);
    expect(spec.cmd.env!["PYTHONPATH"]).toBe(`${process.cwd()}/conformance/drivers/python/canaries:/opt/cbh`);
  });

  it("--driver-image names the image (not checked against this checkout's shim)", () => {
    const spec = protocolDriverSpec("cinder:posix", { runtime: "container", image: "acme/cinder-backup:zed" });
    expect(spec.container).toMatchObject({ image: "acme/cinder-backup:zed", defaultImage: false });
  });

  it("host runs the host's interpreter with the repository's shim; exec: always runs on the host", () => {
    const host = protocolDriverSpec("cinder:posix", { runtime: "host" });
    expect(host.container).toBeUndefined();
    expect(host.cmd.command).toBe(hostPython());
    expect(host.cmd.env!["PYTHONPATH"]).toMatch(/conformance\/drivers\/python$/);
    const exec = protocolDriverSpec("exec:./my-driver --stdio", { runtime: "container" });
    expect(exec.container).toBeUndefined();
    expect(exec.cmd.command).toBe("/bin/sh");
  });
});

describe("inContainer: docker run -i semantics", () => {
  const base = { driver: "cinder:posix", command: "python3", args: ["-m", "cbh_shim", "X.Y"], env: { PYTHONPATH: "/opt/cbh" } };
  const cmd = inContainer(base, { image: "local/cbh-drivers:ci", workDir: "/tmp/cbh-driver-abc", driverPaths: ["/src/drivers"] });

  it("stdio, host network, never pulls, labelled with the run id, work dir and driver paths mounted at their own paths", () => {
    const { args } = cmd.perProcess!({ ...cmd, env: { ...cmd.env, CBH_GCS_DISCOVERY_URL: "http://127.0.0.1:1/x" } });
    const line = args.join(" ");
    expect(args.slice(0, 7)).toEqual(["run", "-i", "--rm", "--pull", "never", "--network", "host"]);
    expect(line).toContain(`--label cbh.run-id=${harnessRunId()}`);
    expect(line).toContain(`--label cbh.owner-pid=${process.pid}`);
    expect(line).toContain("--label cbh.harness=true");
    expect(line).toContain("--label cbh.driver=cinder:posix");
    expect(line).toContain("-v /tmp/cbh-driver-abc:/tmp/cbh-driver-abc -v /src/drivers:/src/drivers:ro");
    // environment by name only: values come from the client's environment, never the command line
    expect(line).toContain("-e PYTHONPATH -e CBH_GCS_DISCOVERY_URL local/cbh-drivers:ci python3 -m cbh_shim X.Y");
    expect(line).not.toContain("127.0.0.1:1");
  });

  it("every process is a new container with its own name", () => {
    const name = (a: readonly string[]): string => a[a.indexOf("--name") + 1]!;
    const a = name(cmd.perProcess!(cmd).args),
      b = name(cmd.perProcess!(cmd).args);
    expect(a).toMatch(new RegExp(`^cbh-driver-${harnessRunId()}-\\d+$`));
    expect(b).not.toBe(a);
  });
});
