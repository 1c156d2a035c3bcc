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
  const specFor = async (release: CompatRelease, override: string | undefined) => {
    const spec = protocolDriverSpec(`cinder:${driver}`, timeoutMs ? { timeoutMs } : {});
    const image = override ?? compatReleaseImage(release);
    if (!override) await expectImage(spec.id, release, image);
    return { ...spec, container: { image, defaultImage: !override, driverPaths: [] } };
  };
  const first = await openProtocolDriver(await specFor(from, images.from));
  try {
    const second = await openProtocolDriver({ ...(await specFor(to, images.to)), sharing: first.stores });
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

/** The release's drivers image is on the engine; other docker failures are left to the driver's own check. */
async function expectImage(driver: string, release: CompatRelease, image: string): Promise<void> {
  try {
    await docker(["image", "inspect", "--format", "{{.Id}}", image], 30_000);
  } catch (e) {
    if (/no such image/i.test((e as Error).message))
      throw new DriverLoadError(
        "runtime-unavailable",
        `driver ${driver}@${release}: the ${release} drivers image ${image} is not built: build it with scripts/ci/docker-up.sh (the harness never pulls)`,
      );
  }
}
