import { docker } from "../../lib/backends/containers.ts";
import { DriverLoadError } from "../driver/load/driver-load-error.ts";
import { protocolDriverSpec } from "../drivers/driver-specs.ts";
import { openProtocolDriver, type ProcessDriverUnderTest } from "../drivers/protocol/protocol-driver-under-test.ts";
import { compatReleaseImage, type CompatRelease } from "./release-image.ts";

/** The two releases' drivers of one cinder driver, writing the same stores. */
export interface ReleaseDrivers {
  readonly from: ProcessDriverUnderTest;
  readonly to: ProcessDriverUnderTest;
  dispose(): Promise<void>;
}

export interface ReleaseImages {
  /** An image of the user's instead of a release's drivers image (not digest-checked, as `--driver-image`). */
  from?: string;
  to?: string;
}

/**
 * `cinder:NAME` of `from` and of `to`, each in a container of its release's drivers image, over
 * ONE backend (the second driver shares the first's store binding and work directory), so one
 * release reads, restores and deletes what the other wrote. A release image is checked as the
 * drivers image is (present, built from this checkout's shim); a missing one is a load error
 * naming it and scripts/ci/docker-up.sh.
 */
export async function openReleaseDrivers(
  driver: string,
  from: CompatRelease,
  to: CompatRelease,
  images: ReleaseImages = {},
  timeoutMs?: number,
): Promise<ReleaseDrivers> {
  const specFor = async (release: CompatRelease, override: string | undefined, flag: string) => {
    // cinder:NAME@RELEASE: that release's image, and the shim checks the cinder it runs is that release.
    const spec = protocolDriverSpec(`cinder:${driver}@${release}`, timeoutMs ? { timeoutMs } : {});
    const image = override ?? spec.container?.image ?? compatReleaseImage(release);
    await expectImage(spec.id, release, image, override ? flag : null);
    return { ...spec, container: { image, defaultImage: !override, driverPaths: [] } };
  };
  /** A load error of one release's driver says which release (and image) it is. */
  const open = async (release: CompatRelease, spec: Parameters<typeof openProtocolDriver>[0]) => {
    try {
      return await openProtocolDriver(spec);
    } catch (e) {
      if (!(e instanceof DriverLoadError)) throw e;
      throw new DriverLoadError(e.reason, `${release} (${spec.container?.image ?? "host"}): ${e.message.slice(e.reason.length + 2)}`);
    }
  };
  const first = await open(from, await specFor(from, images.from, "--from-image"));
  try {
    const second = await open(to, { ...(await specFor(to, images.to, "--to-image")), sharing: first.stores });
    return {
      from: first,
      to: second,
      async dispose() {
        await second.dispose();
        await first.dispose();
      },
    };
  } catch (e) {
    await first.dispose();
    throw e;
  }
}

/**
 * The image is on the engine (the harness never pulls); other docker failures are left to the
 * driver's own check, which names them. `flag`: the user's image (`--to-image`), else the release's.
 */
async function expectImage(driver: string, release: CompatRelease, image: string, flag: string | null): Promise<void> {
  try {
    await docker(["image", "inspect", "--format", "{{.Id}}", image], 30_000);
  } catch (e) {
    if (!/no such image/i.test((e as Error).message)) return;
    throw new DriverLoadError(
      "runtime-unavailable",
      flag
        ? `driver ${driver}, ${release}: ${flag} ${image}: no such image on this Docker engine (the harness never pulls: build or load it first)`
        : `driver ${driver}, ${release}: the ${release} drivers image ${image} is not built: build it with scripts/ci/docker-up.sh (the harness never pulls)`,
    );
  }
}
