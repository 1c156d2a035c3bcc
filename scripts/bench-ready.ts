/**
 * npx tsx scripts/bench-ready.ts [--runs N] [--only gcs,nfs,swift,ceph,drivers] — each container's
 * ready time, as the harness starts it:
 * every backend container (testcontainers start → its readiness probe answers) and the drivers
 * container (`docker run` of the shim → its `describe` answer, cinder:posix at each release).
 * Prints one JSON document with every run's seconds and the load average. Issue 9's goal: every
 * container ready ≤ 10 s on a 2-core machine. Needs the images (scripts/ci/docker-up.sh).
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { backendContainer, type BackendKind } from "../lib/backends/index.ts";
import { protocolDriverSpec } from "../conformance/drivers/driver-specs.ts";
import { openProtocolDriver } from "../conformance/drivers/protocol/protocol-driver-under-test.ts";

const ALL = ["gcs", "nfs", "swift", "ceph", "drivers"];
const { values: v } = parseArgs({ options: { runs: { type: "string", default: "2" }, only: { type: "string", default: ALL.join(",") } } });
const only = v.only.split(",");
const unknown = only.filter((k) => !ALL.includes(k));
if (unknown.length) {
  process.stderr.write(`bench-ready: --only takes ${ALL.join(", ")}; got '${unknown.join(",")}'\n`);
  process.exit(2);
}
const runs = Number(v.runs);
if (!(Number.isInteger(runs) && runs > 0)) {
  process.stderr.write(`bench-ready: --runs must be a positive integer, got '${v.runs}'\n`);
  process.exit(2);
}
const seconds = (t0: number) => Math.round((performance.now() - t0) / 100) / 10;
const load = () => loadavg().map((x) => Math.round(x * 10) / 10);
const out: Record<string, unknown> = { load_before: load() };
const backends = (["gcs", "nfs", "swift", "ceph"] as BackendKind[]).filter((k) => only.includes(k));
for (const kind of backends) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const started = await backendContainer(kind).start();
    times.push(seconds(t0));
    await started.stop();
  }
  out[kind] = times;
  process.stderr.write(`bench-ready: ${kind} ${JSON.stringify(times)}\n`);
}
for (const spec of only.includes("drivers") ? ["cinder:posix", "cinder:posix@epoxy"] : []) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const dut = await openProtocolDriver(protocolDriverSpec(spec));
    times.push(seconds(t0));
    await dut.dispose();
  }
  out[`drivers container (${spec})`] = times;
  process.stderr.write(`bench-ready: ${spec} ${JSON.stringify(times)}\n`);
}
out["load_after"] = load();
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
