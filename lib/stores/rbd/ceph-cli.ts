import { spawn, type ChildProcessByStdio } from "node:child_process";
import { existsSync } from "node:fs";
import type { Readable, Writable } from "node:stream";

/** A `rbd` / `rados` / `ceph` command failed; `notFound` when it reported ENOENT. */
export class CephCommandError extends Error {
  readonly code = "ceph-command-failed";
  constructor(
    readonly argv: string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`${argv.join(" ")} exited ${exitCode}: ${stderr.trim().split("\n").slice(-2).join(" | ")}`);
    this.name = "CephCommandError";
  }

  get notFound(): boolean {
    return /\(2\) No such file or directory/.test(this.stderr);
  }
}

/** A running Ceph client command with streamed stdin/stdout. */
export interface CephProcess {
  stdin: Writable;
  stdout: Readable;
  /** Resolves when the command exits 0; rejects with CephCommandError otherwise. */
  done: Promise<void>;
}

/** Runs Ceph client commands somewhere that can reach the cluster. */
export interface CephCli {
  spawn(argv: string[]): CephProcess;
}

/**
 * Runs the commands inside the Ceph container with `docker exec -i` (its /etc/ceph/ceph.conf
 * points at the cluster): no ceph-common is needed on the host, and streams stay streams.
 */
export class DockerExecCephCli implements CephCli {
  constructor(
    readonly containerId: string,
    readonly docker = defaultDockerBinary(),
  ) {}

  spawn(argv: string[]): CephProcess {
    const child: ChildProcessByStdio<Writable, Readable, Readable> = spawn(this.docker, ["exec", "-i", this.containerId, ...argv], {
      stdio: ["pipe", "pipe", "pipe"],
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

/** Debian's docker CLI when present (the 28.x one in /usr/local/bin works too). */
export function defaultDockerBinary(): string {
  return existsSync("/usr/bin/docker") ? "/usr/bin/docker" : "docker";
}

/** Runs a command to completion and returns its stdout (for small, JSON-sized outputs). */
export async function runCeph(cli: CephCli, argv: string[], input?: Uint8Array): Promise<Buffer> {
  const proc = cli.spawn(argv);
  const chunks: Buffer[] = [];
  proc.stdout.on("data", (c: Buffer) => chunks.push(c));
  proc.stdin.end(input ? Buffer.from(input.buffer, input.byteOffset, input.byteLength) : undefined);
  await proc.done;
  return Buffer.concat(chunks);
}
