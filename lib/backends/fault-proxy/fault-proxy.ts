import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { faultFor, type FaultPlan } from "./fault-plan.ts";
import type { ProxiedRequest } from "./proxied-request.ts";
import { faultAnswer, isObjectRequest, type StoreDialect } from "./store-dialect.ts";

/**
 * An HTTP proxy between a backup driver and its object store (Swift, S3, GCS) that injects the
 * faults of a seeded plan into object requests. The Host header goes upstream unchanged, so S3
 * signatures and URLs the store builds from it (Swift storage URLs, GCS discovery) name the proxy.
 * Listens on 127.0.0.1 only.
 */
export class FaultProxy {
  #plan: FaultPlan | null = null;
  #objects = 0;
  #log: ProxiedRequest[] = [];
  readonly #sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly upstream: URL,
    readonly dialect: StoreDialect,
  ) {}

  static async start(upstream: string, dialect: StoreDialect): Promise<FaultProxy> {
    const server = createServer();
    const proxy = new FaultProxy(server, new URL(upstream), dialect);
    server.on("request", (req, res) => proxy.#handle(req, res));
    server.on("connection", (s) => {
      proxy.#sockets.add(s);
      s.on("close", () => proxy.#sockets.delete(s));
    });
    await new Promise<void>((ok, fail) => server.once("error", fail).listen(0, "127.0.0.1", ok));
    return proxy;
  }

  /** `http://127.0.0.1:PORT`, to give the driver instead of the store's endpoint. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /**
   * A store URL with the proxy's origin (`http://127.0.0.1:7480/auth/v1.0` → proxy); the rest is
   * kept verbatim (URL templates such as GCS discovery's `{api}` stay unescaped).
   */
  rewrite(url: string): string {
    return url.replace(/^https?:\/\/[^/]+/, this.url);
  }

  get plan(): FaultPlan | null {
    return this.#plan;
  }

  /** Applies `plan` from the next request on (null: pass everything); the log starts afresh. */
  use(plan: FaultPlan | null): void {
    this.#plan = plan;
    this.#objects = 0;
    this.#log = [];
  }

  /** Requests since the last `use`, in arrival order. */
  log(): readonly ProxiedRequest[] {
    return this.#log;
  }

  async stop(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((ok) => this.server.close(() => ok()));
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const method = req.method ?? "GET";
    const path = req.url ?? "/";
    const object = isObjectRequest(this.dialect, method, path);
    const fault = object && this.#plan ? faultFor(this.#plan, this.#objects++, method) : null;
    const entry: ProxiedRequest = { seq: this.#log.length, method, path, object, fault, upstreamStatus: null };
    this.#log.push(entry);
    if (fault === "reset") {
      req.socket.destroy();
      return;
    }
    if (fault === "http-500" || fault === "http-503" || fault === "throttle") {
      const a = faultAnswer(this.dialect, fault);
      res.writeHead(a.status, { ...a.headers, "content-length": String(Buffer.byteLength(a.body)), connection: "close" });
      res.end(a.body);
      req.resume();
      return;
    }
    const go = () => this.#forward(req, res, entry, fault === "truncate");
    if (fault === "latency") setTimeout(go, this.#plan?.latencyMs ?? 300);
    else go();
  }

  #forward(req: IncomingMessage, res: ServerResponse, entry: ProxiedRequest, truncate: boolean): void {
    const up = httpRequest(
      { host: this.upstream.hostname, port: this.upstream.port, method: req.method, path: req.url, headers: req.headers },
      (ures) => {
        entry.upstreamStatus = ures.statusCode ?? null;
        // Swift's auth answer names the storage URL; a store that builds it from its own address
        // (radosgw) rather than the Host header would send the driver around the proxy.
        const storageUrl = ures.headers["x-storage-url"];
        if (typeof storageUrl === "string") ures.headers["x-storage-url"] = this.rewrite(storageUrl);
        if (!truncate) {
          res.writeHead(ures.statusCode ?? 502, ures.headers);
          ures.pipe(res);
          return;
        }
        // The whole answer from the store, then only half of its body to the client, then the drop.
        const chunks: Buffer[] = [];
        ures.on("data", (c: Buffer) => chunks.push(c));
        ures.on("end", () => {
          const body = Buffer.concat(chunks);
          if (body.length < 2) return void res.socket?.destroy();
          res.writeHead(ures.statusCode ?? 502, { ...ures.headers, "content-length": String(body.length) });
          res.write(body.subarray(0, body.length >> 1), () => res.socket?.destroy());
        });
      },
    );
    up.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain", connection: "close" });
      res.end("cbh fault proxy: the store did not answer");
    });
    req.pipe(up);
  }
}
