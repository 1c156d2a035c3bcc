import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody } from "./body-reader.ts";
import { ByteBudget } from "./byte-budget.ts";
import { errorResponse, type Mount } from "./error-bodies.ts";
import { lowerHeaders, mountOf, needsToken } from "./mounts.ts";
import type { RouteHandler, RouteRequest, TokenAuth } from "./http-types.ts";
import { accountDirectory } from "./identity/account-directory.ts";
import { seedDirectory, type Directory } from "./identity/directory.ts";
import { identityRoutes } from "./identity/identity-routes.ts";
import { TokenStore } from "./identity/token-store.ts";
import type { AccountLine } from "./identity/users-file.ts";
import { imageRoutes } from "./image-routes.ts";
import { publicBaseUrl } from "./public-base.ts";
import { respond } from "./respond.ts";
import { isClientAbort } from "./client-abort.ts";
import type { ServedCloud } from "./served-cloud.ts";
import { SerialQueue } from "./serial-queue.ts";
import { forbidden, notFound, unauthorized } from "./server-errors.ts";
import { simApiRoutes } from "./sim-api-routes.ts";
import { scaledDriver, settleDriver, type TimeDriver } from "./time-driver.ts";

export interface CbhServerOptions {
  cloud: ServedCloud;
  /** The Block Storage REST handler, adapted to a RouteHandler (paths below `/volume`). */
  volume: RouteHandler;
  /** The Image API (paths below `/image`); absent: only version discovery and an empty list. */
  image?: RouteHandler;
  host?: string;
  /** 0: any free port. */
  port?: number;
  tokenTtlSeconds?: number;
  /** Absent: settle after each request. X > 0: virtual time runs at X × wall time. */
  timeScale?: number;
  /** JSON bodies (cinder's `osapi_max_request_body_size`, 114688). */
  maxBodyBytes?: number;
  /** `PUT /sim/v1/volumes/{id}/data` and `PUT /image/v2/images/{id}/file` bodies. */
  maxDataBytes?: number;
  /** Request bytes held in memory at once, over all requests. */
  maxBufferedBytes?: number;
  /** `--users FILE`: these accounts replace the fixed admin/admin and demo/demo. */
  accounts?: AccountLine[];
  /** Wall clock for token expiry (tests). */
  now?: () => number;
  /** One line per unexpected server-side error (stack traces stay here). */
  log?: (line: string) => void;
}

export interface RunningServer {
  /** Where local clients reach the server (a wildcard bind is reached at loopback). */
  readonly url: string;
  /** The address actually bound, e.g. `http://0.0.0.0:8776`. */
  readonly listenUrl: string;
  readonly authUrl: string;
  readonly host: string;
  readonly port: number;
  readonly directory: Directory;
  readonly tokens: TokenStore;
  readonly time: TimeDriver;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY = 114_688;
export const DEFAULT_MAX_DATA = 64 * 1024 * 1024;
export const DEFAULT_MAX_BUFFERED = 256 * 1024 * 1024;

/** Starts `cbh serve`'s HTTP server: Identity v3, Block Storage, Image v2 and `/sim/v1` on one port. */
export async function startCbhServer(opts: CbhServerOptions): Promise<RunningServer> {
  const host = opts.host ?? "127.0.0.1";
  const cloud = opts.cloud;
  const admin = cloud.context("admin");
  const demo = cloud.context("demo");
  const directory = opts.accounts ? accountDirectory({ admin, demo }, opts.accounts) : seedDirectory({ admin, demo });
  const tokens = new TokenStore({ ttlSeconds: opts.tokenTtlSeconds ?? 3600, ...(opts.now ? { now: opts.now } : {}) });
  const queue = new SerialQueue();
  const time = opts.timeScale !== undefined ? scaledDriver(cloud, opts.timeScale, queue) : settleDriver(cloud);
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const maxData = opts.maxDataBytes ?? DEFAULT_MAX_DATA;
  const budget = new ByteBudget(opts.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED);
  const routes: Record<Exclude<Mount, "none">, RouteHandler> = {
    identity: identityRoutes(directory, tokens),
    image: opts.image ?? imageRoutes,
    volume: opts.volume,
    sim: simApiRoutes(cloud, time),
  };
  let baseUrl = "";
  const publicBase = (hostHeader: string | undefined): string => publicBaseUrl(host, baseUrl, hostHeader);

  const authOf = (headers: Record<string, string>): TokenAuth | null => {
    const t = tokens.validate(headers["x-auth-token"]);
    if (!t) return null;
    return { userId: t.user.id, userName: t.user.name, projectId: t.project.id, projectName: t.project.name, roles: [...t.roles] };
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? "GET").toUpperCase();
    const head = method === "HEAD";
    let mount: Mount = "none";
    let held = 0;
    try {
      const url = new URL(req.url ?? "/", "http://placeholder");
      const m = mountOf(url.pathname);
      mount = m.mount;
      const headers = lowerHeaders(req);
      const auth = authOf(headers);
      // Refuse before buffering anything: unknown paths, missing tokens, non-admins on /sim.
      if (mount === "none") throw notFound("The resource could not be found.");
      if (needsToken(mount, m.rest) && !auth) throw unauthorized();
      if (mount === "sim" && !auth?.roles.includes("admin")) throw forbidden("The simulator API requires an admin token.");
      const isData = (mount === "sim" || mount === "image") && method === "PUT";
      const body = await readBody(req, isData ? maxData : maxBody, budget);
      held = body.length;
      const handler = routes[mount];
      const routeReq: RouteRequest = {
        method,
        path: m.rest,
        query: url.searchParams,
        headers,
        body,
        auth,
        baseUrl: publicBase(headers["host"]),
      };
      await queue.run(async () => {
        const answer = await handler(routeReq);
        respond(res, answer, head);
        if (mount === "volume" || mount === "sim" || mount === "image") await time.afterRequest();
      });
    } catch (e) {
      // A body left unread cannot be skipped safely on a kept-alive connection.
      if (!req.complete) res.setHeader("Connection", "close");
      if (isClientAbort(e, req)) {
        log(`cbh serve: ${method} ${req.url ?? ""}: client closed the connection before its request body was complete; no answer sent`);
        res.destroy();
        return;
      }
      if (!(e instanceof Error && "status" in e))
        log(`cbh serve: 500 for ${method} ${req.url ?? ""}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      if (!res.headersSent)
        respond(res, errorResponse(mount, e, publicBase(typeof req.headers.host === "string" ? req.headers.host : undefined)), head);
      else res.end();
    } finally {
      budget.give(held);
    }
  };

  const server: Server = createServer((req, res) => {
    serve(req, res).catch((e: unknown) => {
      log(`cbh serve: response failed: ${String(e)}`);
      res.destroy();
    });
  });
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    else socket.destroy();
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 300_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  const port = bound.port;
  const listenUrl = `http://${bound.family === "IPv6" ? `[${bound.address}]` : bound.address}:${port}`;
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  baseUrl = `http://${urlHost}:${port}`;

  return {
    url: baseUrl,
    listenUrl,
    authUrl: `${baseUrl}/identity/v3`,
    host,
    port,
    directory,
    tokens,
    time,
    close: () =>
      new Promise<void>((resolve) => {
        time.stop();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
