import { plainBytes, type ByteAllocator } from "../../lib/format/index.ts";
import type { ObjectStore } from "../../lib/stores/index.ts";
import type { SimulatedCloud } from "../../sim/cloud/simulated-cloud.ts";
import { CloudBuilder } from "../../sim/cloud/index.ts";
import { geometryConfig, type DriverUnderTest } from "../driver/driver-under-test.ts";
import type { TraceStep } from "../driver/trace-recorder.ts";
import { CloudProbe, probedDriver, registerProbe } from "./cloud-probe.ts";

export interface CloudRequest {
  backupWorkers?: number;
  /** cinder.conf options the cloud knows (sim/kernel/config.ts). */
  config?: Record<string, string | number | boolean>;
  trace?: boolean;
  /** Where device content and extents come from (default: a buffer each): a `ByteArena` the caller resets once done with the cloud. */
  bytes?: ByteAllocator;
  /** The store the driver writes to (default: a fresh one of the driver's, `dut.createStore()`). */
  store?: ObjectStore;
}

/** The simulated cloud is part of this build (kept as a function so rules can be NA without it). */
export function cloudAvailable(): boolean {
  return typeof CloudBuilder === "function";
}

/**
 * A started cloud (default two-AZ topology) whose backup hosts run the driver under test over
 * one fresh store. The cloud's fake devices hold `sim_bytes_per_gb` (1 MiB) per GB, so the
 * suite geometry gives four 256 KiB objects per GB of volume.
 */
export async function openCloud(dut: DriverUnderTest, seed: number, req: CloudRequest = {}): Promise<SimulatedCloud> {
  const store = req.store ?? (await dut.createStore());
  const driverConfig = geometryConfig(dut.geometry);
  const cfg = { ...(req.config ?? {}), ...(req.backupWorkers ? { backup_workers: req.backupWorkers } : {}) };
  const probe = new CloudProbe();
  const cloud = await new CloudBuilder()
    .withBytes(req.bytes ?? plainBytes)
    .withSeed(seed)
    .withRelease("zed")
    .withObjectStore(store)
    .withConfig(cfg)
    .withTrace(req.trace ?? true)
    .withBackupDriver((host, s) => probedDriver(dut.createDriver({ store: s, host, config: driverConfig }), probe))
    .build();
  registerProbe(cloud, probe);
  return cloud;
}

/** The cloud's trace as sequence-diagram steps (service → service). */
export function cloudTraceSteps(cloud: SimulatedCloud): TraceStep[] {
  return cloud.trace
    .entries()
    .slice(-300)
    .map((e) => {
      const to = e.event.type === "rpc" ? e.event.topic : e.service;
      const kind: TraceStep["kind"] = e.kind === "error" ? "error" : e.event.type === "rpc" && to !== e.service ? "call" : "note";
      return { seq: e.seq, from: e.service, to, kind, what: `${e.kind} ${e.what}` };
    });
}
