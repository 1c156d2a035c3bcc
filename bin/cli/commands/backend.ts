import { CLOUD_RELEASES, describeBackend, parseCloudRelease, startBackend, type BackendKind } from "../../../lib/backends/index.ts";
import { parseCliArgs } from "../cli-args.ts";
import type { Command } from "../registry.ts";
import { startCinderCloud } from "./backend-cinder.ts";

const KINDS: readonly BackendKind[] = ["ceph", "swift", "swift-keystone", "gcs", "nfs"];
const USAGE = `usage: cbh backend start KIND [--json]
KIND: ${KINDS.join(" | ")} | cinder[@RELEASE]
  cinder: a real Zed cloud (Keystone, Glance, cinder-api/scheduler/volume RBD/backup posix)
  on a Ceph container; prints OS_* variables and a clouds.yaml entry. cinder@epoxy (or
  --release epoxy): the Epoxy (26.0.0) cloud, local/cbh-cinder-epoxy:ci. Releases: ${CLOUD_RELEASES.join(", ")}.
Starts the backend's container (images from scripts/ci/docker-up.sh) on 127.0.0.1, prints its
endpoints and credentials, and keeps it until Ctrl-C / SIGTERM, then removes it.
`;

/** `cbh backend start KIND`: a real backend for manual runs of `cbh store` or cinder tools. */
export const backend: Command = {
  summary:
    "start a real backend container (ceph, swift, swift-keystone, gcs, nfs) or a real Zed/Epoxy cloud (cinder, cinder@epoxy) and print its endpoints",
  usage: USAGE,
  async run(argv) {
    const { positionals, values } = parseCliArgs("backend", {
      args: argv,
      allowPositionals: true,
      options: { json: { type: "boolean" }, help: { type: "boolean" }, release: { type: "string" } },
    });
    const [verb, spec, ...extra] = positionals;
    // cinder@RELEASE (docs/releases.md's NAME@RELEASE convention) or cinder --release RELEASE
    const [kind, atRelease] = (spec ?? "").split("@", 2) as [string, string | undefined];
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const problem =
      verb !== "start"
        ? verb === undefined
          ? "expected 'start KIND'"
          : `unknown sub-command '${verb}'; expected 'start KIND'`
        : spec === undefined
          ? "start needs a KIND"
          : !(KINDS.includes(kind as BackendKind) || kind === "cinder")
            ? `unknown backend '${kind}'; one of: ${KINDS.join(", ")}, cinder`
            : extra.length
              ? `unexpected argument '${extra[0]}'`
              : null;
    if (problem) {
      process.stderr.write(`cbh backend: ${problem}\n${USAGE}`);
      return 2;
    }
    if (kind !== "cinder" && (atRelease !== undefined || values.release !== undefined))
      throw Object.assign(new Error(`${kind} has no release (only cinder@RELEASE does)`), { code: "usage" });
    if (atRelease !== undefined && values.release !== undefined && atRelease !== values.release)
      throw Object.assign(new Error(`cinder@${atRelease} and --release ${values.release} disagree`), { code: "usage" });
    if (kind === "cinder") {
      const release = parseCloudRelease(atRelease ?? values.release ?? "zed", atRelease !== undefined ? "cinder@RELEASE" : "--release");
      await startCinderCloud(values.json === true, release);
      return untilSignal();
    }
    const started = await startBackend(kind as BackendKind);
    try {
      const d = describeBackend(kind as BackendKind, started);
      if (values.json) process.stdout.write(`${JSON.stringify(d)}\n`);
      else {
        process.stdout.write(`${d.kind} ready (container ${d.containerId.slice(0, 12)})\n`);
        for (const [k, v] of Object.entries(d.endpoints)) process.stdout.write(`  ${k.padEnd(10)} ${v}\n`);
        for (const [k, v] of Object.entries(d.credentials)) process.stdout.write(`  ${k.padEnd(10)} ${v}\n`);
        if (d.storeUrl) process.stdout.write(`  store URL  ${d.storeUrl}  (--user/--key above)\n`);
        process.stdout.write("Ctrl-C stops and removes it.\n");
      }
    } catch (e) {
      await started.stop();
      throw e;
    }
    return untilSignal();
  },
};

/**
 * Serves until SIGINT / SIGTERM. The harness's signal handlers (installed by the first container
 * start, lib/backends/run-containers.ts:installRunCleanup) remove this run's containers with one
 * synchronous `docker rm -f` and exit 130 / 143; a repeated signal (npx forwards its own) cannot
 * cut that short. A pending promise alone does not keep Node alive: hold a timer.
 */
function untilSignal(): Promise<number> {
  setInterval(() => undefined, 1 << 30);
  return new Promise<number>(() => undefined);
}
