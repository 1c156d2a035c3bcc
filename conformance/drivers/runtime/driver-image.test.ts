import { afterEach, describe, expect, it } from "vitest";
import { SHIM_DIR } from "../python-runtime.ts";
import { checkDriverImage, defaultDriverImage } from "./driver-image.ts";
import { fakeDocker } from "../../../lib/backends/testing/fake-docker.ts";
import { treeSha256 } from "./tree-digest.ts";

const saved = process.env.CBH_DOCKER_CLI;
afterEach(() => {
  if (saved === undefined) delete process.env.CBH_DOCKER_CLI;
  else process.env.CBH_DOCKER_CLI = saved;
});

async function failure(image: string, isDefault: boolean): Promise<Error & { reason?: string }> {
  const e = await checkDriverImage("cinder:posix", image, isDefault).then(
    () => null,
    (x: Error) => x,
  );
  expect(e, "the check should fail").not.toBeNull();
  return e!;
}

describe("the driver container's image check: a clear load error, never a silent fallback to the host", () => {
  it("no docker client: names the driver and points at --driver-runtime host", async () => {
    process.env.CBH_DOCKER_CLI = "/nonexistent/docker";
    const e = await failure(defaultDriverImage(), true);
    expect(e.reason).toBe("runtime-unavailable");
    expect(e.message).toMatch(/driver cinder:posix: the container runtime \(the default\) needs the docker client.*--driver-runtime host/);
  });

  it("no engine: says which DOCKER_HOST and that --driver-runtime host exists", async () => {
    process.env.CBH_DOCKER_CLI = fakeDocker([
      {
        match: "image inspect",
        stderr: "Cannot connect to the Docker daemon at unix:///nowhere.sock. Is the docker daemon running?",
        status: 1,
      },
    ]).cli;
    const e = await failure(defaultDriverImage(), true);
    expect(e.message).toMatch(/needs a Docker engine \(DOCKER_HOST=.*\): Cannot connect to the Docker daemon.*--driver-runtime host/);
  });

  it("the drivers image not built: says how to build it", async () => {
    process.env.CBH_DOCKER_CLI = fakeDocker([
      { match: "image inspect", stderr: "Error: No such image: local/cbh-drivers:ci", status: 1 },
    ]).cli;
    expect((await failure("local/cbh-drivers:ci", true)).message).toMatch(
      /the drivers image local\/cbh-drivers:ci is not built: build it with CBH_IMAGES=drivers scripts\/ci\/docker-up\.sh/,
    );
  });

  it("a --driver-image that does not exist: the harness never pulls", async () => {
    process.env.CBH_DOCKER_CLI = fakeDocker([{ match: "image inspect", stderr: "Error: No such image: acme/backup:1", status: 1 }]).cli;
    expect((await failure("acme/backup:1", false)).message).toMatch(
      /--driver-image acme\/backup:1: no such image on this Docker engine \(the harness never pulls/,
    );
  });

  it("a drivers image built from another shim is refused; this checkout's is accepted; a user image is not checked", async () => {
    process.env.CBH_DOCKER_CLI = fakeDocker([
      { match: "image inspect", stdout: JSON.stringify({ "cbh.shim-sha256": "0".repeat(64) }) },
    ]).cli;
    expect((await failure("local/cbh-drivers:ci", true)).message).toMatch(
      /was built from another version of conformance\/drivers\/python.*rebuild it with/,
    );
    await expect(checkDriverImage("cinder:posix", "acme/backup:1", false)).resolves.toBeUndefined();
    process.env.CBH_DOCKER_CLI = fakeDocker([
      { match: "image inspect", stdout: JSON.stringify({ "cbh.shim-sha256": treeSha256(SHIM_DIR) }) },
    ]).cli;
    await expect(checkDriverImage("cinder:posix", "local/cbh-drivers:ci", true)).resolves.toBeUndefined();
  });

  it("a release's drivers image must hold that release: a zed image under the epoxy name is refused", async () => {
    const shim = treeSha256(SHIM_DIR);
    process.env.CBH_DOCKER_CLI = fakeDocker([
      { match: "image inspect", stdout: JSON.stringify({ "cbh.shim-sha256": shim, "cbh.cinder-release": "zed" }) },
    ]).cli;
    const e = await checkDriverImage("cinder:posix@epoxy", "local/cbh-drivers-epoxy:ci", true, "epoxy").then(
      () => null,
      (x: Error & { reason?: string }) => x,
    );
    expect(e?.reason).toBe("release-mismatch");
    expect(e?.message).toMatch(/holds cinder zed, not epoxy.*rebuild it with CBH_IMAGES=drivers-epoxy scripts\/ci\/docker-up\.sh/);
    process.env.CBH_DOCKER_CLI = fakeDocker([
      { match: "image inspect", stdout: JSON.stringify({ "cbh.shim-sha256": shim, "cbh.cinder-release": "epoxy" }) },
    ]).cli;
    await expect(checkDriverImage("cinder:posix@epoxy", "local/cbh-drivers-epoxy:ci", true, "epoxy")).resolves.toBeUndefined();
  });

  it("the epoxy image not built: says which CBH_IMAGES name builds it", async () => {
    process.env.CBH_DOCKER_CLI = fakeDocker([
      { match: "image inspect", stderr: "Error: No such image: local/cbh-drivers-epoxy:ci", status: 1 },
    ]).cli;
    const e = await checkDriverImage("cinder:posix@epoxy", "local/cbh-drivers-epoxy:ci", true, "epoxy").catch((x: Error) => x);
    expect((e as Error).message).toMatch(/is not built: build it with CBH_IMAGES=drivers-epoxy scripts\/ci\/docker-up\.sh/);
  });
});
