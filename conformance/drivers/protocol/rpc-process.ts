import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import type { Writable } from "node:stream";
import { ProtocolSocket } from "./protocol-socket.ts";
import { BackupRestoreCancel } from "../../../sim/errors/cinder-errors.ts";
import { DriverProcessError, DriverRaised } from "./driver-process-error.ts";
import { RPC_ERRORS, type RpcRequest, type RpcResponse } from "./messages.ts";
import { StderrTail } from "./stderr-tail.ts";

/** Serves the driver's calls back into the harness (`backup.refresh`, `backup.save`, …). */
export type CallbackHandler = (method: string, params: Record<string, unknown>) => Promise<unknown>;

export interface DriverCommand {
  /** Names the driver in every error (`cinder:posix`, `python:mod.Cls`, `exec:…`). */
  driver: string;
  command: string;
  args: readonly string[];
  env?: Record<string, string>;
  cwd?: string;
  /**
   * A driver in a container (`conformance/drivers/runtime/`): the arguments of each new process
   * (a fresh container name every time) and how to remove that container once the process ended
   * or was killed (killing the `docker run` client does not stop its container).
   */
  perProcess?: (cmd: DriverCommand) => { args: readonly string[]; remove(): Promise<void> };
  /**
   * Speak the protocol over a Unix socket in this directory instead of stdio (the shim connects to
   * `$CBH_PROTOCOL_SOCKET`): for a driver in a container, whose stdio `docker run -i` relays
   * through the engine at a few milliseconds a message. stdout then only carries logs.
   */
  socketDir?: string;
  /** How long the driver may take to connect to the socket (default 60 s). */
  socketConnectMs?: number;
}

interface Pending {
  method: string;
  /** The call's `context` token: the driver's callbacks for this call name it. */
  context: unknown;
  resolve(v: unknown): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
  /** Starts the silence timer again (a callback of this call shows the driver is working on it). */
  rearm(): void;
}

/**
 * One driver process speaking newline-delimited JSON-RPC 2.0 on stdio, or on a Unix socket
 * (`socketDir`; `docs/driver-protocol.md`).
 * Any protocol failure (exit, hang past the call's timeout, non-JSON on stdout) kills the process,
 * fails every pending call with a `DriverProcessError` carrying the stderr tail, and marks the
 * process dead; `close()` always reaps it.
 */
export class RpcProcess {
  readonly stderr = new StderrTail();
  #child: ChildProcess;
  #next = 1;
  readonly #pending = new Map<number, Pending>();
  #dead: DriverProcessError | null = null;
  readonly #exited: Promise<void>;
  readonly #remove: (() => Promise<void>) | undefined;
  #removed: Promise<void> | undefined;
  /** Where requests go: the child's stdin, or the protocol socket (null until the shim connects). */
  #out: Writable | null;
  readonly #queued: string[] = [];
  readonly #socket: ProtocolSocket | null;

  constructor(
    readonly cmd: DriverCommand,
    readonly onCallback: CallbackHandler,
  ) {
    this.#socket = cmd.socketDir ? new ProtocolSocket(cmd.socketDir, cmd.socketConnectMs) : null;
    const env = { ...(cmd.env ?? {}), ...(this.#socket ? { CBH_PROTOCOL_SOCKET: this.#socket.path } : {}) };
    const per = cmd.perProcess?.({ ...cmd, env });
    this.#remove = per?.remove;
    this.#child = spawn(cmd.command, [...(per ? per.args : cmd.args)], {
      cwd: cmd.cwd,
      env: { ...process.env, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.#exited = new Promise((resolve) => {
      this.#child.once("close", (code, signal) => {
        this.#fail(
          "crash",
          `exited ${signal ? `on ${signal}` : `with status ${code}`}${this.#pending.size ? ` during ${[...this.#pending.values()].map((p) => p.method).join(", ")}` : ""}`,
        );
        resolve();
      });
      this.#child.once("error", (e) => {
        this.#fail("spawn", `cannot start '${cmd.command}': ${e.message}`);
        resolve();
      });
    });
    this.#child.stderr!.setEncoding("utf8").on("data", (c: string) => this.stderr.push(c));
    this.#child.stdin!.on("error", () => undefined); // EPIPE after a crash: reported through "exit"
    if (this.#socket) {
      this.#out = null;
      this.#child.stdout!.setEncoding("utf8").on("data", (c: string) => this.stderr.push(c));
      this.#socket.connected.then(
        (sock) => {
          if (this.#dead) return void sock.destroy();
          // readline re-emits its input's errors: a reset is reported through the process's exit.
          createInterface({ input: sock, crlfDelay: Infinity })
            .on("line", (line) => this.#onLine(line))
            .on("error", () => undefined);
          this.#out = sock;
          for (const line of this.#queued.splice(0)) sock.write(line);
        },
        (e: Error) => this.#fail("spawn", `the protocol socket failed: ${e.message}`),
      );
    } else {
      this.#out = this.#child.stdin!;
      createInterface({ input: this.#child.stdout!, crlfDelay: Infinity }).on("line", (line) => this.#onLine(line));
    }
  }

  get alive(): boolean {
    return this.#dead === null;
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /**
   * Calls `method`; rejects with a DriverProcessError on protocol failure, or the driver's exception.
   * The call is hung once the driver stays silent about it for `timeoutMs`: neither its answer nor
   * a callback naming its `context` (a chunked driver's `backup.refresh` before each object) came.
   * A long call that keeps calling back is bounded by the rule's timeout instead (run-rule.ts).
   */
  call<T>(method: string, params: Record<string, unknown>, timeoutMs: number): Promise<T> {
    if (this.#dead) return Promise.reject(this.#dead);
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      const hung = () => this.#fail("timeout", `${method} did not answer or call back within ${timeoutMs} ms (hung); killed`);
      const p: Pending = {
        method,
        context: params["context"],
        resolve: resolve as (v: unknown) => void,
        reject,
        timer: setTimeout(hung, timeoutMs),
        rearm: () => {
          clearTimeout(p.timer);
          p.timer = setTimeout(hung, timeoutMs);
        },
      };
      this.#pending.set(id, p);
      this.#send({ jsonrpc: "2.0", id, method, params });
    });
  }

  /** Asks the driver to exit, then kills it after `graceMs`; resolves once it is reaped. */
  async close(graceMs = 2000): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) {
      this.#child.stdin!.end();
      this.#out?.end(); // the socket's end is the shim's end of input
      const t = setTimeout(() => this.#child.kill("SIGKILL"), graceMs);
      await this.#exited;
      clearTimeout(t);
    }
    await this.#exited;
    await this.#socket?.close();
    await this.#reap();
  }

  /** Removes this process's container (once; a no-op for a plain process). */
  #reap(): Promise<void> {
    this.#removed ??= this.#remove?.() ?? Promise.resolve();
    return this.#removed;
  }

  #send(msg: RpcRequest | RpcResponse): void {
    const line = `${JSON.stringify(msg)}\n`;
    if (!this.#out) this.#queued.push(line);
    else if (this.#out.writable) this.#out.write(line);
  }

  #onLine(line: string): void {
    if (this.#dead || line.trim() === "") return;
    let msg: Partial<RpcRequest & RpcResponse>;
    try {
      msg = JSON.parse(line) as Partial<RpcRequest & RpcResponse>;
    } catch {
      this.#fail("garbage", `wrote non-JSON on stdout: ${JSON.stringify(line.slice(0, 200))}`);
      return;
    }
    if (typeof msg !== "object" || msg === null || msg.jsonrpc !== "2.0") {
      this.#fail("garbage", `wrote a line that is not JSON-RPC 2.0: ${line.slice(0, 200)}`);
      return;
    }
    if (typeof msg.method === "string") this.#serveCallback(msg as RpcRequest);
    else this.#settle(msg as RpcResponse, line);
  }

  #settle(msg: RpcResponse, line: string): void {
    const p = typeof msg.id === "number" ? this.#pending.get(msg.id) : undefined;
    if (!p) {
      this.#fail("garbage", `answered an unknown request id: ${line.slice(0, 200)}`);
      return;
    }
    this.#pending.delete(msg.id as number);
    clearTimeout(p.timer);
    if (msg.error) p.reject(driverException(msg.error.message, msg.error.data?.exception, msg.error.data?.traceback));
    else if (!("result" in msg))
      p.reject(
        new DriverProcessError("malformed", this.cmd.driver, `${p.method}: response has neither result nor error`, this.stderr.tail()),
      );
    else p.resolve(msg.result);
  }

  #serveCallback(req: RpcRequest): void {
    const params = req.params ?? {};
    if (params["context"] !== undefined) for (const p of this.#pending.values()) if (p.context === params["context"]) p.rearm();
    this.onCallback(req.method, params).then(
      (result) => req.id !== undefined && this.#send({ jsonrpc: "2.0", id: req.id, result: result ?? null }),
      (e: Error) =>
        req.id !== undefined &&
        this.#send({
          jsonrpc: "2.0",
          id: req.id,
          error: { code: (e as { rpcCode?: number }).rpcCode ?? RPC_ERRORS.driver, message: e.message, data: { exception: e.name } },
        }),
    );
  }

  #fail(kind: DriverProcessError["failure"], detail: string): void {
    if (this.#dead) return;
    this.#dead = new DriverProcessError(kind, this.cmd.driver, detail, this.stderr.tail());
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill("SIGKILL");
    void this.#socket?.close();
    void this.#reap();
    for (const [id, p] of this.#pending) {
      clearTimeout(p.timer);
      this.#pending.delete(id);
      p.reject(new DriverProcessError(kind, this.cmd.driver, `${p.method}: ${detail}`, this.stderr.tail()));
    }
  }
}

/** A driver exception as the harness sees it: BackupRestoreCancel by name, else a `DriverRaised`. */
export function driverException(message: string, exception = "Exception", traceback?: string): Error {
  if (exception === "BackupRestoreCancel") return new BackupRestoreCancel(message);
  const frames = traceback?.match(/File "[^"]+", line \d+, in \S+/g);
  const where = frames?.at(-1);
  return new DriverRaised(exception, where ? `${message} (${where})` : message, traceback);
}
