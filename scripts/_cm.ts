import { runConformance } from "../conformance/run-conformance.ts";
import { mainThreadCpuSeconds } from "./bench-thread-cpu.ts";
const jobs = Number(process.argv[2] ?? 1), runs = Number(process.argv[3] ?? 480);
const t0 = performance.now(); const c0 = process.cpuUsage(); const m0 = mainThreadCpuSeconds()!;
const s = await runConformance({ drivers: ["ref"], seed: 1, jobs, property: { numRuns: runs }, rules: "model.*" });
const c = process.cpuUsage(c0);
console.log(JSON.stringify({ jobs, units: s.units?.results.length, wall: ((performance.now() - t0) / 1000).toFixed(2), cpu: ((c.user + c.system) / 1e6).toFixed(2), main: (mainThreadCpuSeconds()! - m0).toFixed(2) }));
