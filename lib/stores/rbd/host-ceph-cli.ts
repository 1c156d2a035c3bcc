import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { CephCommandError, type CephCli, type CephProcess } from "./ceph-cli.ts";

/**
 * Runs `rbd` / `rados` on this host against the cluster a ceph.conf names (ceph-common
 * installed here): CEPH_CONF points every client, including librados in `python3 -c`, at it.
 * `python3` is Debian's interpreter, the one that sees python3-rados / python3-rbd.
 */
export class HostCephCli implements CephCli {
  constructor(
    readonly confPath: string,
    readonly user?: string,
  ) {}

  spawn(argv: string[]): CephProcess {
    const [cmd = "", ...args] = argv;
    const binary = cmd === "python3" ? "/usr/bin/python3" : cmd;
    const id = this.user && cmd !== "python3" ? ["--id", this.user] : [];
    const child: ChildProcessByStdio<Writable, Readable, Readable> = spawn(binary, [...id, ...args], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, CEPH_CONF: this.confPath },
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      if (stderr.length < 64 * 1024) stderr += chunk;
    });
    child.stdin.on("error", () => undefined); // EPIPE when the command exits early: reported via `done`
    const done = new Promise<void>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (code) => (code === 0 ? resolve() : reject(new CephCommandError(argv, code, stderr))));
    });
    return { stdin: child.stdin, stdout: child.stdout, done };
  }
}
