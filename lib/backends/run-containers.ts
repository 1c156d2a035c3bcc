import { spawnSync } from "node:child_process";
import { docker, dockerCli } from "./docker-cli.ts";
import { harnessRunId } from "./run-id.ts";

/** Removes every container labelled with this run's id, synchronously (usable in exit/signal handlers). */
export function removeRunContainersSync(runId = harnessRunId()): string[] {
  const ps = spawnSync(dockerCli(), ["ps", "-aq", "--filter", `label=cbh.run-id=${runId}`], { encoding: "utf8", timeout: 20_000 });
  const ids = ps.status === 0 ? ps.stdout.split(/\s+/).filter(Boolean) : [];
  if (ids.length) spawnSync(dockerCli(), ["rm", "-fv", ...ids], { stdio: "ignore", timeout: 60_000 });
  return ids;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The sweep at the start of a run: removes containers of earlier harness runs (a `cbh.run-id`
 * label, not ours) whose owner process (`cbh.owner-pid`) is gone — what a run killed with
 * SIGKILL leaves. Containers of runs still in progress on this shared engine are kept.
 * Returns the ids removed; without a reachable engine there is nothing to sweep.
 */
export async function sweepLeftoverContainers(): Promise<string[]> {
  let out: string;
  try {
    out = await docker(
      ["ps", "-a", "--filter", "label=cbh.run-id", "--format", '{{.ID}} {{.Label "cbh.run-id"}} {{.Label "cbh.owner-pid"}}'],
      20_000,
    );
  } catch {
    return [];
  }
  const mine = harnessRunId();
  const stale = out
    .split("\n")
    .map((l) => l.trim().split(" "))
    .filter(([id, run, owner]) => id && run !== mine && !(Number(owner) > 0 && alive(Number(owner))))
    .map(([id]) => id!);
  if (stale.length) await docker(["rm", "-fv", ...stale]).catch(() => undefined);
  return stale;
}

let installed = false;
let reaped = false;

/**
 * Once per process: this run's containers are removed when the process exits, and on SIGINT or
 * SIGTERM (then the process exits 130 / 143, as the default handlers would). Every harness
 * container's start installs it (harness-container.ts).
 *
 * The signal listeners stay installed (`process.on`, not `once`): `pkill -f` hits both `npx` and
 * its node child, and npx forwards its SIGTERM, so the child gets two. With `once`, Node restores
 * the default action as soon as the first listener runs, and the second signal killed the process
 * in the middle of its cleanup (a bundled cloud Exited (137), its Ceph container still running).
 * Removal is one synchronous `docker rm -f` of every container labelled with the run id: nothing
 * asynchronous that a later signal could cut short.
 */
export function installRunCleanup(): void {
  if (installed) return;
  installed = true;
  const reap = (): void => {
    if (reaped) return;
    reaped = true;
    removeRunContainersSync();
  };
  process.once("exit", reap);
  for (const [sig, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    process.on(sig, () => {
      reap();
      process.exit(code);
    });
  }
}
