import type { RpcApi, RpcHandlers } from "../bus/rpc-api.ts";
import type { RpcMessage, TraceTag } from "../bus/rpc-message.ts";
import type { CloudState } from "../kernel/cloud-state.ts";
import type { TraceInput } from "../core/trace-recorder.ts";
import type { ServiceRow } from "../db/rows.ts";
import type { RpcTopic, RpcTopics, TopicArgs, TopicResult } from "./rpc-topics.ts";

/** Thrown inside a service's in-flight work once the service process died (crash or stop). */
export class ServiceCrashed extends Error {
  readonly code = "service-crashed";
  constructor(
    readonly binary: string,
    readonly host: string,
  ) {
    super(`${binary} on ${host} stopped while this operation was in flight`);
    this.name = "ServiceCrashed";
  }
}

/** Rethrows a crash so that no `except` block of the dead process runs. */
export function rethrowCrash(e: unknown): void {
  if (e instanceof ServiceCrashed) throw e;
}

/**
 * One cinder service process (`cinder/service.py:Service`): a binary on a host in an AZ,
 * consuming its topic queue. Stopping it kills its in-flight work at the next wait (a crash):
 * every wait of its operations goes through `guard`. `Api` is the RPC table it consumes
 * (`<service>-rpcapi.ts`); `cast`/`call` are typed by the target topic's table.
 */
export abstract class CinderService<Api extends RpcApi = RpcApi> {
  readonly row: ServiceRow;
  #epoch = 0;
  /** The sender of this service's messages (one object, not one per message). */
  readonly #from: { readonly service: string; readonly host: string };

  constructor(
    protected readonly state: CloudState,
    readonly binary: ServiceRow["binary"],
    readonly host: string,
    readonly az: string,
    readonly topic: string,
  ) {
    this.row = state.services.register(binary, host, az, topic);
    this.#from = { service: binary, host };
  }

  get running(): boolean {
    return this.state.services.isRunning(this.row);
  }

  /** Starts consuming and runs `init_host` (inside a process). */
  async start(): Promise<void> {
    if (this.running) return;
    this.#epoch++;
    this.state.services.markRunning(this.row);
    this.trace({ kind: "state", event: { type: "service", binary: this.binary, change: "started" } });
    await this.initHost(this.#epoch);
    this.state.bus.consume(this.topic, this.host, (msg) => this.#dispatch(msg));
  }

  /** The process dies: nothing in flight continues past its next wait. */
  stop(): void {
    if (!this.running) return;
    this.#epoch++;
    this.state.bus.stopConsuming(this.topic, this.host);
    this.state.services.markStopped(this.row);
    this.trace({ kind: "fault", event: { type: "service", binary: this.binary, change: "stopped" } });
  }

  /** The epoch of the live process; in-flight work compares it in `guard`. */
  get epoch(): number {
    return this.#epoch;
  }

  /** Throws ServiceCrashed if the process that started this work is gone. */
  guard(epoch: number): void {
    if (epoch !== this.#epoch || !this.running) throw new ServiceCrashed(this.binary, this.host);
  }

  /** Virtual-time wait of this process. */
  async sleep(epoch: number, ms: number): Promise<void> {
    await this.state.sched.sleep(ms);
    this.guard(epoch);
  }

  protected async initHost(_epoch: number): Promise<void> {}

  /** The manager's side of `Api`: one handler per RPC method. */
  protected abstract readonly handlers: RpcHandlers<Api>;

  /** The wire boundary: the one place a method name arrives as a string (oslo's dispatcher). */
  #dispatch(msg: RpcMessage): unknown {
    const epoch = this.#epoch;
    const table: Readonly<Record<string, (args: object, epoch: number) => unknown>> = this.handlers;
    const handler = Object.hasOwn(table, msg.method) ? table[msg.method] : undefined;
    if (!handler) throw new Error(`${this.binary}: unknown RPC method ${msg.method}`);
    return handler(msg.args, epoch);
  }

  cast<T extends RpcTopic, M extends keyof RpcTopics[T] & string>(
    server: string,
    topic: T,
    method: M,
    args: TopicArgs<T, M>,
    tag: TraceTag = {},
  ): void {
    this.state.bus.cast(this.#from, topic, server, method, args, tag);
  }

  call<T extends RpcTopic, M extends keyof RpcTopics[T] & string>(
    epoch: number,
    server: string,
    topic: T,
    method: M,
    args: TopicArgs<T, M>,
    tag: TraceTag = {},
  ): Promise<TopicResult<T, M>> {
    // The bus runs `this.guard(epoch)` once the reply is in.
    return this.state.bus.call<TopicResult<T, M>>(
      this.#from,
      topic,
      server,
      method,
      args,
      this.state.config.rpc_response_timeout * 1000,
      tag,
      this,
      epoch,
    );
  }

  /** False when no entry would be kept: hot paths skip building one (`if (svc.tracing) svc.trace({...})`). */
  get tracing(): boolean {
    return this.state.trace.active;
  }

  trace(e: Omit<TraceInput, "service" | "host">): void {
    if (!this.state.trace.active) return;
    this.state.trace.record({ service: this.binary, host: this.host, ...e });
  }
}
