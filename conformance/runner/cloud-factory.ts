import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { CloudOptions, SimulatedCloud } from "../../sim/cloud/simulated-cloud.ts";
import { geometryConfig, type DriverUnderTest } from "../driver/driver-under-test.ts";
import type { TraceStep } from "../driver/trace-recorder.ts";

export interface CloudRequest {
  backupWorkers?: number;
  config?: Record<string, string | number | boolean>;
}

const CLOUD_MODULE = new URL("../../sim/cloud/index.ts", import.meta.url);

/** True when the simulated cloud implementation (`sim/cloud/index.ts`) is part of this build. */
export function cloudAvailable(): boolean {
  return existsSync(fileURLToPath(CLOUD_MODULE));
}

interface CloudModule {
  CloudBuilder: new (opts?: Partial<CloudOptions>) => { build(): Promise<SimulatedCloud> | SimulatedCloud };
}

/** A started cloud whose backup hosts run the driver under test over a fresh store. */
export async function openCloud(dut: DriverUnderTest, seed: number, req: CloudRequest = {}): Promise<SimulatedCloud> {
  const mod = (await import(CLOUD_MODULE.href)) as CloudModule;
  const store = await dut.createStore();
  const config = { ...geometryConfig(dut.geometry), ...(req.config ?? {}) };
  const opts: CloudOptions = {
    seed, release: "zed", objectStore: store, config,
    backupDriver: (host, s) => dut.createDriver({ store: s, host, config }),
    ...(req.backupWorkers ? {
      topology: {
        zones: [{ name: "nova", volumeBackends: [{ host: "controller@lvm", backend: "lvm" }], backupHosts: [{ host: "controller", workers: req.backupWorkers }] }],
      },
    } : {}),
  };
  return await new mod.CloudBuilder(opts).build();
}

/** The cloud's trace as sequence-diagram steps (service → service). */
export function cloudTraceSteps(cloud: SimulatedCloud): TraceStep[] {
  return cloud.trace.entries().slice(-300).map((e) => {
    const to = typeof e.detail?.["to"] === "string" ? (e.detail["to"] as string) : e.service;
    const kind: TraceStep["kind"] = e.kind === "error" ? "error" : e.kind === "reply" ? "reply" : to === e.service ? "note" : "call";
    return { seq: e.seq, from: e.service, to, kind, what: `${e.kind} ${e.what}` };
  });
}
