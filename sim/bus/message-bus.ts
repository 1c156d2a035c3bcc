import type { EventOutcome } from "../core/event-queue.ts";
import { type Scheduler, Signal } from "../core/scheduler.ts";
import type { TraceRecorder } from "../core/trace-recorder.ts";
import { MessagingTimeout, type Delivery, type MessageInterceptor, type RpcMessage, type TraceTag } from "./rpc-message.ts";

/** A consumer of a topic queue; the service's dispatcher picks the method's handler (a result or a promise of it). */
export type RpcHandler = (msg: RpcMessage) => unknown;

interface Queue {
  readonly topic: string;
  readonly server: string;
  readonly az: string | null;
  handler: RpcHandler;
  consuming: boolean;
  /** Messages that arrived while no consumer was up (the broker keeps them). */
  readonly backlog: Array<{ msg: RpcMessage; reply?: Signal<Reply> }>;
  /** Virtual time of the last delivery: per-queue FIFO. */
  lastAt: number;
}

const DELIVER: Delivery = { action: "deliver" };

/** What comes back on a call's reply queue. */
type Reply = { ok: true; value: unknown } | { ok: false; error: unknown } | { ok: false; timeout: true };

/**
 * The AMQP bus between cinder services: topic queues per host, `cast` vs `call`
 * (`rpc_response_timeout`), FIFO per queue, and hooks to delay, drop, duplicate or partition.
 * Every handler invocation runs as its own process (one green thread per message).
 */
export class MessageBus {
  /** topic → server → queue (two lookups by existing strings: no `topic.server` key built per message). */
  readonly #queues = new Map<string, Map<string, Queue>>();
  readonly #interceptors: MessageInterceptor[] = [];
  #nextId = 1;

  constructor(
    private readonly sched: Scheduler,
    private readonly trace: TraceRecorder,
    readonly latencyMs: number,
    readonly azOf: (host: string) => string | null,
  ) {}

  /** A service starts consuming `topic.server`. Queued messages are delivered in order. */
  consume(topic: string, server: string, handler: RpcHandler): void {
    let q = this.#queue(topic, server);
    if (!q) {
      q = { topic, server, az: this.azOf(server), handler, consuming: true, backlog: [], lastAt: 0 };
      this.#declare(q);
    }
    q.handler = handler;
    q.consuming = true;
    for (const item of q.backlog.splice(0)) this.#dispatch(q, item.msg, item.reply);
  }

  /** The consumer goes away (service stopped): new messages wait in the broker. */
  stopConsuming(topic: string, server: string): void {
    const q = this.#queue(topic, server);
    if (q) q.consuming = false;
  }

  #queue(topic: string, server: string): Queue | undefined {
    return this.#queues.get(topic)?.get(server);
  }

  #declare(q: Queue): void {
    let byServer = this.#queues.get(q.topic);
    if (!byServer) this.#queues.set(q.topic, (byServer = new Map()));
    byServer.set(q.server, q);
  }

  intercept(hook: MessageInterceptor): () => void {
    this.#interceptors.push(hook);
    return () => {
      const i = this.#interceptors.indexOf(hook);
      if (i >= 0) this.#interceptors.splice(i, 1);
    };
  }

  cast(from: { service: string; host: string }, topic: string, server: string, method: string, args: object, tag: TraceTag = {}): void {
    const msg = this.#message("cast", from, topic, server, method, args, tag);
    this.#send(msg);
  }

  /**
   * Synchronous RPC (inside a process): resolves with the reply, throws the remote error or
   * MessagingTimeout. `caller.guard(epoch)` runs once a reply arrived (the calling service's crash
   * check, here rather than in a second async frame around this one).
   */
  async call<R>(
    from: { service: string; host: string },
    topic: string,
    server: string,
    method: string,
    args: object,
    timeoutMs: number,
    tag: TraceTag = {},
    caller?: { guard(epoch: number): void },
    epoch = 0,
  ): Promise<R> {
    const msg = this.#message("call", from, topic, server, method, args, tag);
    const reply = new Signal<Reply>(this.sched);
    const timer = this.sched.schedule(timeoutMs, "timeout", () => reply.fireAsEvent({ ok: false, timeout: true }));
    this.#send(msg, reply);
    const r = await reply.wait();
    this.sched.cancel(timer);
    // The handler of `method` returned its table's result type (`RpcHandlers`): the one typed boundary.
    if (r.ok) {
      caller?.guard(epoch);
      return r.value as R;
    }
    if ("timeout" in r) {
      this.trace.record({
        service: from.service,
        host: from.host,
        kind: "error",
        event: { type: "rpc-timeout", topic, server, method },
        ...tagOf(msg),
      });
      throw new MessagingTimeout(msg, timeoutMs);
    }
    throw r.error;
  }

  #message(
    kind: "cast" | "call",
    from: { service: string; host: string },
    topic: string,
    server: string,
    method: string,
    args: object,
    tag: TraceTag,
  ): RpcMessage {
    const msg: RpcMessage = { id: this.#nextId++, kind, topic, server, method, args, from, flow: tag.flow, step: tag.step };
    if (this.trace.active)
      this.trace.record({
        service: from.service,
        host: from.host,
        kind,
        event: { type: "rpc", kind, topic, server, method },
        ...tagOf(msg),
      });
    return msg;
  }

  #send(msg: RpcMessage, reply?: Signal<Reply>): void {
    let q = this.#queue(msg.topic, msg.server);
    if (!q) {
      // oslo.messaging declares the queue on first use; nobody consumes it yet.
      q = {
        topic: msg.topic,
        server: msg.server,
        az: this.azOf(msg.server),
        handler: () => undefined,
        consuming: false,
        backlog: [],
        lastAt: 0,
      };
      this.#declare(q);
    }
    const d = this.#decide(msg, q);
    if (d.action === "drop") {
      this.trace.record({
        service: "amqp",
        host: "broker",
        kind: "fault",
        event: { type: "rpc-dropped", kind: msg.kind, topic: msg.topic, server: msg.server, method: msg.method, reason: d.reason },
        ...tagOf(msg),
      });
      return;
    }
    const extra = d.action === "delay" ? d.ms : 0;
    const at = Math.max(q.lastAt, this.sched.clock.now() + this.latencyMs + extra);
    q.lastAt = at;
    const queue = q;
    this.sched.schedule(at - this.sched.clock.now(), "deliver", () => this.#arrive(queue, msg, reply));
    if (d.action === "duplicate") {
      this.sched.schedule(at - this.sched.clock.now(), "deliver-dup", () => this.#arrive(queue, msg, undefined));
    }
  }

  #decide(msg: RpcMessage, q: Queue): Delivery {
    if (this.#interceptors.length === 0) return DELIVER;
    const route = { fromAz: this.azOf(msg.from.host), toAz: q.az };
    for (const hook of this.#interceptors) {
      const d = hook(msg, route);
      if (d && d.action !== "deliver") return d;
    }
    return { action: "deliver" };
  }

  /** Delivery event: the consumer's handler starts right here (one green thread per message). */
  #arrive(q: Queue, msg: RpcMessage, reply?: Signal<Reply>): EventOutcome {
    if (!q.consuming) {
      q.backlog.push(reply ? { msg, reply } : { msg });
      return;
    }
    return this.sched.runDetached(this.#handler(q, msg, reply));
  }

  /** Backlog drained on (re)start: each message in its own event, in order. */
  #dispatch(q: Queue, msg: RpcMessage, reply?: Signal<Reply>): void {
    this.sched.spawn("rpc", this.#handler(q, msg, reply));
  }

  #handler(q: Queue, msg: RpcMessage, reply?: Signal<Reply>): () => Promise<void> {
    const handler = q.handler;
    return async () => {
      let r: Reply;
      try {
        r = { ok: true, value: await handler(msg) };
      } catch (error) {
        // A service that died mid-operation never answers (the caller times out).
        if ((error as { code?: string } | null)?.code === "service-crashed") return;
        r = { ok: false, error };
        if (!reply) {
          this.trace.record({
            service: q.topic,
            host: q.server,
            kind: "error",
            event: { type: "rpc-failed", method: msg.method, error: (error as Error).message },
            ...tagOf(msg),
          });
        }
      }
      if (reply) {
        if (this.#interceptors.length > 0) {
          const back = this.#decide({ ...msg, kind: "call", topic: "reply", server: msg.from.host }, q);
          if (back.action === "drop") return;
        }
        this.sched.schedule(this.latencyMs, "reply", () => reply.fireAsEvent(r));
      }
    };
  }
}

function tagOf(msg: RpcMessage): TraceTag {
  const t: TraceTag = {};
  if (msg.flow) t.flow = msg.flow;
  if (msg.step !== undefined) t.step = msg.step;
  return t;
}
