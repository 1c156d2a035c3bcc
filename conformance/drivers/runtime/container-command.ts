import { docker, dockerCli, harnessRunId, runLabels } from "../../../lib/backends/containers.ts";
import type { DriverCommand } from "../protocol/rpc-process.ts";

/** Where the drivers image (and a `--driver-image` built FROM it or COPYing it) keeps `cbh_shim`. */
export const IMAGE_SHIM_DIR = "/opt/cbh";

export interface ContainerRun {
  image: string;
  /** Host directories bind-mounted at the same path: the run's work directory (rw), `--driver-path`s (ro). */
  workDir: string;
  driverPaths: readonly string[];
  /**
   * The driver mounts file systems (cinder:nfs: os-brick's `mount -t nfs`, served by FUSE): the
   * container gets /dev/fuse and CAP_SYS_ADMIN and runs as root (mount(2) needs it), whatever the
   * harness's uid.
   */
  fuse?: boolean;
}

let containers = 0;

/**
 * `cmd` (the shim's `python3 -m cbh_shim CLASS` as it would run on the host) in a container with
 * `docker run -i` semantics: the protocol goes over a Unix socket in the work directory (stdio,
 * relayed by the engine, costs milliseconds a message; `RpcProcess`), host networking reaches the backend
 * containers on 127.0.0.1, and the work directory (volume files, posix stores, GCS credentials)
 * is mounted at its own path, so paths mean the same on both sides. Each process is a new
 * container named `cbh-driver-<run id>-<n>`, labelled with the run id; its environment goes by
 * name (`-e KEY`, values from the client's environment, never on a command line).
 */
export function inContainer(cmd: DriverCommand, run: ContainerRun): DriverCommand {
  // `c` is the command as the session has it then (its env may have grown: the GCS binding's);
  // `cmd.command`/`cmd.args` are what runs inside the container.
  return {
    ...cmd,
    command: dockerCli(),
    args: [],
    // The protocol goes over a Unix socket in the work directory, not through the engine's stdio relay.
    socketDir: run.workDir,
    perProcess(c) {
      const name = `cbh-driver-${harnessRunId()}-${++containers}`;
      const labels = { ...runLabels(), "cbh.driver": c.driver };
      const uid = process.getuid?.() ?? 0;
      const args = [
        "run",
        "-i",
        "--rm",
        "--pull",
        "never",
        "--network",
        "host",
        "--name",
        name,
        ...Object.entries(labels).flatMap(([k, v]) => ["--label", `${k}=${v}`]),
        ...(run.fuse ? ["--device", "/dev/fuse", "--cap-add", "SYS_ADMIN"] : []),
        ...(uid !== 0 && !run.fuse ? ["--user", `${uid}:${process.getgid?.() ?? uid}`, "-e", "HOME=/tmp"] : []),
        "-v",
        `${run.workDir}:${run.workDir}`,
        ...run.driverPaths.flatMap((p) => ["-v", `${p}:${p}:ro`]),
        ...Object.keys(c.env ?? {}).flatMap((k) => ["-e", k]),
        run.image,
        cmd.command,
        ...cmd.args,
      ];
      return {
        args,
        remove: () =>
          docker(["rm", "-fv", name], 60_000).then(
            () => undefined,
            () => undefined,
          ),
      };
    },
  };
}
