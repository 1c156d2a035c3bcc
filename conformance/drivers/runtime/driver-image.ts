import { SHIM_DIR } from "../python-runtime.ts";
import { DriverLoadError } from "../../driver/load/driver-load-error.ts";
import { checkDockerHost, docker, dockerCli } from "../../../lib/backends/containers.ts";
import { treeSha256 } from "./tree-digest.ts";
import { DEFAULT_CINDER_RELEASE, driverImageBuildName, driverImageFor, type CinderRelease } from "./cinder-release.ts";

/** The default release's drivers image docker-up.sh builds from fixtures/images/drivers (same prefix/tag overrides as the backends). */
export function defaultDriverImage(): string {
  return driverImageFor(DEFAULT_CINDER_RELEASE);
}

const buildHint = (release: CinderRelease): string => `build it with CBH_IMAGES=${driverImageBuildName(release)} scripts/ci/docker-up.sh`;
const HOST_HINT = "or run the driver with the host's /usr/bin/python3 and python3-cinder: --driver-runtime host";

/**
 * Before the first driver container: the engine answers, the image exists locally (the harness
 * never pulls), and the default image carries this checkout's shim (`cbh.shim-sha256` label =
 * the digest of conformance/drivers/python). Each failure is a load error naming the driver and
 * what to do; the runtime never falls back to the host by itself.
 */
export async function checkDriverImage(
  driver: string,
  image: string,
  isDefault: boolean,
  release: CinderRelease = DEFAULT_CINDER_RELEASE,
): Promise<void> {
  try {
    checkDockerHost();
  } catch (e) {
    throw new DriverLoadError("runtime-unavailable", `driver ${driver}: ${(e as Error).message} (${HOST_HINT})`);
  }
  let labels: Record<string, string> | null;
  try {
    labels = JSON.parse(await docker(["image", "inspect", "--format", "{{json .Config.Labels}}", image], 30_000)) as Record<
      string,
      string
    > | null;
  } catch (e) {
    const why = (e as Error).message.split("\n")[0]!;
    const fail = (what: string): never => {
      throw new DriverLoadError("runtime-unavailable", `driver ${driver}: ${what}`);
    };
    if ((e as NodeJS.ErrnoException).code === "ENOENT")
      fail(
        `the container runtime (the default) needs the docker client, and '${dockerCli()}' is not installed (CBH_DOCKER_CLI names another); ${HOST_HINT}`,
      );
    if (/no such image/i.test(why))
      fail(
        isDefault
          ? `the drivers image ${image} is not built: ${buildHint(release)}${release === DEFAULT_CINDER_RELEASE ? ` (${HOST_HINT})` : ""}`
          : `--driver-image ${image}: no such image on this Docker engine (the harness never pulls: build or load it first)`,
      );
    fail(
      `the container runtime (the default) needs a Docker engine (DOCKER_HOST=${process.env.DOCKER_HOST ?? "unset"}): ${why}; start one (scripts/ci/docker-up.sh), ${HOST_HINT}`,
    );
    return;
  }
  if (!isDefault) return;
  // fixtures/images/drivers/Dockerfile labels the release it was built for (zed images built before
  // the label existed carry none)
  const built = labels?.["cbh.cinder-release"] ?? DEFAULT_CINDER_RELEASE;
  if (built !== release)
    throw new DriverLoadError(
      "release-mismatch",
      `driver ${driver}: the drivers image ${image} holds cinder ${built}, not ${release} (label cbh.cinder-release): re${buildHint(release)}`,
    );
  const want = treeSha256(SHIM_DIR);
  const have = labels?.["cbh.shim-sha256"];
  if (have !== want)
    throw new DriverLoadError(
      "runtime-unavailable",
      `driver ${driver}: the drivers image ${image} was built from another version of conformance/drivers/python (label cbh.shim-sha256=${have ?? "none"}, this checkout ${want.slice(0, 12)}…): re${buildHint(release)}`,
    );
}
