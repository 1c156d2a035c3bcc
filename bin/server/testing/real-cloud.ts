import { CloudBuilder, type SimulatedCloud } from "../../../sim/cloud/index.ts";
import { createRestHandler } from "../../../sim/rest/index.ts";
import type { CbhServerOptions } from "../cbh-server.ts";
import { volumeMount } from "../volume-mount.ts";
import { startHarnessOver, type Harness } from "./harness.ts";

/** `cbh serve` in-process over a real simulated cloud and the real REST handler; 500s are collected. */
export async function startRealServer(
  seed = 1,
  opts: Partial<CbhServerOptions> = {},
): Promise<Harness<SimulatedCloud> & { internalErrors: string[] }> {
  const cloud = await new CloudBuilder().withSeed(seed).build();
  const internalErrors: string[] = [];
  const rest = createRestHandler(cloud, {
    onInternalError: (r) => internalErrors.push(`${r.request.method} ${r.request.path}: ${r.reason}`),
  });
  const h = await startHarnessOver(cloud, opts, volumeMount(rest));
  return Object.assign(h, { internalErrors });
}
