/** One AMQP message of oslo.messaging: a cast (fire and forget) or a call (waits for a reply). */
export interface RpcMessage {
  readonly id: number;
  readonly kind: "cast" | "call";
  readonly topic: string;
  /** Target server (host) of the topic queue `topic.host`. */
  readonly server: string;
  readonly method: string;
  /** Keyword arguments, typed by the topic's RPC table at the sender (`sim/services/rpc-topics.ts`). */
  readonly args: object;
  readonly from: { service: string; host: string };
  /** Guide workflow and step, for the trace. */
  readonly flow?: TraceTag["flow"];
  readonly step?: number;
}

export interface TraceTag {
  flow?: "backup" | "restore" | "delete" | "export" | "import" | "reset" | "cleanup" | "volume" | "snapshot" | "quota";
  step?: number;
}

/** What a fault hook decides for a message on the wire. */
export type Delivery =
  { action: "deliver" } | { action: "drop"; reason: string } | { action: "delay"; ms: number } | { action: "duplicate" };

export type MessageInterceptor = (msg: RpcMessage, route: { fromAz: string | null; toAz: string | null }) => Delivery | undefined;

/** `oslo_messaging.MessagingTimeout`, raised in the caller of an unanswered call. */
export class MessagingTimeout extends Error {
  readonly code = "messaging-timeout";
  constructor(msg: RpcMessage, timeoutMs: number) {
    super(`Timed out waiting for a reply to message ID ${msg.id} (${msg.topic}.${msg.server} ${msg.method}, ${timeoutMs / 1000}s)`);
    this.name = "MessagingTimeout";
  }
}
