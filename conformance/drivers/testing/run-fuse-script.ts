import { docker, runLabels } from "../../../lib/backends/containers.ts";
import { defaultDriverImage } from "../runtime/driver-image.ts";

/**
 * Runs `script` with bash in the drivers image with FUSE allowed (the fault layers' tests:
 * cbh_nfs_fuse, cbh_posix_fuse), on host networking, labelled with this run, `dir` bind-mounted at
 * the same path; returns what it printed.
 */
export function runFuseScript(dir: string, script: string): Promise<string> {
  return docker(
    [
      "run",
      "--rm",
      "--pull",
      "never",
      "--network",
      "host",
      "--device",
      "/dev/fuse",
      "--cap-add",
      "SYS_ADMIN",
      ...Object.entries(runLabels()).flatMap(([k, v]) => ["--label", `${k}=${v}`]),
      "-v",
      `${dir}:${dir}`,
      defaultDriverImage(),
      "bash",
      "-c",
      script,
    ],
    120_000,
  );
}
