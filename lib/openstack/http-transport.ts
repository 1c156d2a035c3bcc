import { CloudError } from "./errors.ts";

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  /** JSON-encoded unless a Uint8Array (sent as application/octet-stream). */
  body?: unknown;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, text, or bytes when `raw` was asked for. */
  body: unknown;
}

/** fetch() with a timeout and errors that name the cloud and the step. */
export class HttpTransport {
  constructor(
    readonly cloud: string,
    private readonly timeoutMs = 30_000,
  ) {}

  async send(step: string, req: HttpRequest, raw = false): Promise<HttpResponse> {
    const headers: Record<string, string> = { accept: "application/json", ...req.headers };
    let body: Uint8Array | string | undefined;
    if (req.body instanceof Uint8Array) {
      body = req.body;
      headers["content-type"] ??= "application/octet-stream";
    } else if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers["content-type"] ??= "application/json";
    }
    let res: Response;
    try {
      res = await fetch(req.url, { method: req.method, headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      if (e.name === "TimeoutError")
        throw new CloudError("timeout", this.cloud, `${step}: ${req.method} ${req.url} got no answer within ${this.timeoutMs} ms`);
      throw new CloudError("unreachable", this.cloud, `${step}: ${req.method} ${req.url} failed: ${e.cause?.code ?? e.message}`);
    }
    if (raw && res.ok) return { status: res.status, headers: res.headers, body: new Uint8Array(await res.arrayBuffer()) };
    const text = await res.text();
    let parsed: unknown = text;
    if (text && (res.headers.get("content-type") ?? "").includes("json")) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: res.status, headers: res.headers, body: text === "" ? undefined : parsed };
  }
}
