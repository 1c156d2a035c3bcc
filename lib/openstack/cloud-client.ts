import type { CloudConfig } from "./cloud-config.ts";
import { CloudError } from "./errors.ts";
import { HttpTransport, type HttpResponse } from "./http-transport.ts";
import { endpointFor, passwordAuth, type KeystoneToken } from "./keystone-session.ts";
import { negotiate, versionRange } from "./microversion.ts";

/** Catalog types per API, in the order openstacksdk prefers them. */
export const SERVICE_TYPES = { volume: ["block-storage", "volumev3"], image: ["image"], identity: ["identity"] } as const;
export type ServiceName = keyof typeof SERVICE_TYPES;

export interface ClientOptions {
  /** Block Storage microversion the caller wants (lowered to the server's maximum). */
  microversion?: string;
  timeoutMs?: number;
  /** Retries of a 503 or 429 answer (Retry-After honoured, capped at maxRetryDelayMs). */
  retries?: number;
  maxRetryDelayMs?: number;
  /** Injected for tests; real time otherwise (this is a client of real clouds, not sim/). */
  sleep?: (ms: number) => Promise<void>;
}

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** The step this call belongs to, for error messages. */
  step?: string;
  /** Return bytes (image download). */
  raw?: boolean;
}

/**
 * A small OpenStack client for Block Storage v3 and Image v2: Keystone v3 password auth with
 * one re-authentication on 401, retries on 503/429, microversion negotiation and marker
 * pagination. Any non-2xx answer is returned, not thrown: the harness compares them.
 */
export class CloudClient {
  private token: KeystoneToken | undefined;
  private readonly http: HttpTransport;
  private readonly sleep: (ms: number) => Promise<void>;
  /** The negotiated Block Storage microversion (after connect()). */
  microversion = "3.0";

  constructor(
    readonly cloud: CloudConfig,
    private readonly opts: ClientOptions = {},
  ) {
    this.http = new HttpTransport(cloud.name, opts.timeoutMs ?? 30_000);
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Authenticates and negotiates the Block Storage microversion. */
  async connect(): Promise<this> {
    this.token = await passwordAuth(this.cloud, this.http);
    const volume = endpointFor(this.cloud, this.token, SERVICE_TYPES.volume);
    // GET / of the endpoint's host lists the versions unauthenticated (cinder.api.versions)
    const root = volume.replace(/\/v3(\/.*)?$/, "/");
    const res = await this.http.send("version discovery", { method: "GET", url: root, headers: { "x-auth-token": this.token.token } });
    const range = versionRange(res.body);
    if (!range) throw new CloudError("version", this.cloud.name, `${root} has no Block Storage v3 version document (HTTP ${res.status})`);
    const wanted = this.opts.microversion ?? range.max;
    const v = negotiate(wanted, range);
    if (!v)
      throw new CloudError("version", this.cloud.name, `Block Storage microversion ${wanted} is below the server's minimum ${range.min}`);
    this.microversion = v;
    return this;
  }

  /** The current Keystone token (for an API outside the catalog, e.g. `cbh serve`'s `/sim/v1`). */
  get authToken(): string {
    return this.requireToken().token;
  }

  get projectId(): string {
    return this.requireToken().projectId;
  }

  /** Whether the catalog has the service (e.g. image: byte transfer through Glance). */
  has(service: ServiceName): boolean {
    try {
      endpointFor(this.cloud, this.requireToken(), SERVICE_TYPES[service]);
      return true;
    } catch {
      return false;
    }
  }

  async call(service: ServiceName, method: string, path: string, o: CallOptions = {}): Promise<HttpResponse> {
    const step = o.step ?? `${method} ${path}`;
    const retries = this.opts.retries ?? 4;
    for (let attempt = 0, reauthed = false; ; attempt++) {
      const token = this.requireToken();
      const base = endpointFor(this.cloud, token, SERVICE_TYPES[service]);
      const headers: Record<string, string> = { "x-auth-token": token.token, ...o.headers };
      if (service === "volume") headers["openstack-api-version"] ??= `volume ${this.microversion}`;
      const res = await this.http.send(step, { method, url: `${base}${path}`, headers, body: o.body }, o.raw);
      if (res.status === 401 && !reauthed) {
        reauthed = true; // the token expired or was revoked: log in again, once
        this.token = await passwordAuth(this.cloud, this.http);
        attempt--;
        continue;
      }
      if ((res.status === 503 || res.status === 429) && attempt < retries) {
        await this.sleep(this.retryDelay(res, attempt));
        continue;
      }
      return res;
    }
  }

  /** Every item of a paginated list, following `<key>_links` next (marker) until the end. */
  async listAll<T = Record<string, unknown>>(service: ServiceName, path: string, key: string, step?: string): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = path;
    for (let page = 0; next !== undefined; page++) {
      if (page > 10_000) throw new CloudError("http", this.cloud.name, `${step ?? path}: pagination did not end`);
      const res = await this.call(service, "GET", next, { step });
      if (res.status !== 200) throw new CloudError("http", this.cloud.name, `${step ?? path}: HTTP ${res.status}`, res.status, res.body);
      const body = res.body as Record<string, unknown>;
      const pageItems = (body[key] ?? []) as T[];
      items.push(...pageItems);
      next = nextPage(next, body, key, pageItems);
    }
    return items;
  }

  private retryDelay(res: HttpResponse, attempt: number): number {
    const cap = this.opts.maxRetryDelayMs ?? 10_000;
    const after = Number(res.headers.get("retry-after"));
    const ms = Number.isFinite(after) && after > 0 ? after * 1000 : 250 * 2 ** attempt;
    return Math.min(ms, cap);
  }

  private requireToken(): KeystoneToken {
    if (!this.token) throw new CloudError("auth", this.cloud.name, "not connected (call connect() first)");
    return this.token;
  }
}

/** The next page's path: the `next` link's marker (cinder's `<key>_links`), or for Glance the
 *  `next` field; undefined at the end. */
function nextPage(path: string, body: Record<string, unknown>, key: string, pageItems: unknown[]): string | undefined {
  const links = body[`${key}_links`] as { rel: string; href: string }[] | undefined;
  const href = links?.find((l) => l.rel === "next")?.href ?? (typeof body.next === "string" ? body.next : undefined);
  if (!href || pageItems.length === 0) return undefined;
  const marker = new URL(href, "http://x").searchParams.get("marker");
  if (!marker) return undefined;
  const u = new URL(path, "http://x");
  u.searchParams.set("marker", marker);
  return `${u.pathname}${u.search}`;
}
