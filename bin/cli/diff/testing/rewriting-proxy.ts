import { createServer, type IncomingMessage, type Server } from "node:http";

export interface ProxyRules {
  /** Rewrites a JSON answer (status and body) of one request; undefined keeps it. */
  rewrite?: (method: string, path: string, status: number, body: string) => { status: number; body: string } | undefined;
  /** Never answers this request (a target that times out mid-sequence). */
  hang?: (method: string, path: string) => boolean;
}

export interface RunningProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * A small HTTP proxy in front of a `cbh serve`: a target that differs from the simulator in
 * exactly the answers a test rewrites, or stops answering. The upstream's own URL is replaced by
 * the proxy's in every answer (Keystone's catalog, links), so clients stay behind the proxy.
 */
export async function startRewritingProxy(upstream: string, rules: ProxyRules): Promise<RunningProxy> {
  let self = "";
  const hung = new Set<IncomingMessage>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const method = req.method ?? "GET";
      const path = req.url ?? "/";
      if (rules.hang?.(method, path)) {
        hung.add(req);
        return;
      }
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== "host" && k !== "content-length")) as Record<
        string,
        string
      >;
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      fetch(`${upstream}${path}`, { method, headers, ...(body ? { body } : {}) })
        .then(async (up) => {
          let text = (await up.text()).replaceAll(upstream, self);
          let status = up.status;
          const changed = rules.rewrite?.(method, path, status, text);
          if (changed) ({ status, body: text } = changed);
          const out: Record<string, string> = {};
          up.headers.forEach((v, k) => {
            if (k !== "content-length" && k !== "content-encoding" && k !== "transfer-encoding" && k !== "connection") out[k] = v;
          });
          res.writeHead(status, out).end(text);
        })
        .catch((e: Error) => res.writeHead(502).end(e.message));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address();
  self = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  return {
    url: self,
    close: () =>
      new Promise((r) => {
        for (const req of hung) req.socket.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
