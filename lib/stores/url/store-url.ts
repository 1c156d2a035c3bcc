/**
 * Store URLs, the one syntax of `cbh store --store`, `cbh backend` and every library caller
 * (opened by `openStore` / `openStoreUrl`, open-store.ts):
 *   posix:DIR                 a directory in cinder's posix layout
 *   memory:[NAME]             an in-process MemoryObjectStore (shared by NAME within the process)
 *   swift+http(s)://HOST…     Swift (tempauth URL), s3+http(s)://HOST, gcs+http(s)://HOST?project=P
 *   rbd:POOL                  a Ceph pool (not a chunked object store)
 * Credentials come from the URL's user-info, flags or the environment (CBH_STORE_USER / CBH_STORE_KEY);
 * `redactStoreUrl` is the only form ever printed.
 */
export type StoreScheme = "posix" | "memory" | "swift" | "s3" | "gcs" | "rbd";

export interface StoreUrl {
  scheme: StoreScheme;
  /** `posix`: the directory; `memory`: the name; `rbd`: the pool; network: the http(s) URL without credentials. */
  target: string;
  /** Query parameters of network URLs (e.g. `project` for GCS). */
  params: Record<string, string>;
  /** Credentials found in the URL's user-info. */
  user?: string;
  key?: string;
}

export interface StoreCredentials {
  user?: string;
  key?: string;
}

export class StoreUrlError extends Error {
  readonly code = "bad-store-url";
  constructor(message: string) {
    super(message);
    this.name = "StoreUrlError";
  }
}

const NETWORK = /^(swift|s3|gcs)\+(https?):\/\//;

export function parseStoreUrl(raw: string): StoreUrl {
  if (raw.startsWith("posix:")) {
    let dir = raw.slice("posix:".length);
    if (dir.startsWith("//")) dir = dir.slice(2);
    if (!dir) throw new StoreUrlError("posix: needs a directory, e.g. posix:/var/lib/cinder/backup");
    return { scheme: "posix", target: dir, params: {} };
  }
  if (raw === "memory:" || raw.startsWith("memory:"))
    return { scheme: "memory", target: raw.slice("memory:".length) || "default", params: {} };
  if (raw.startsWith("rbd:")) {
    const pool = raw.slice(4);
    if (!/^[A-Za-z0-9._-]+$/.test(pool)) throw new StoreUrlError("rbd: needs a pool name, e.g. rbd:backups");
    return { scheme: "rbd", target: pool, params: {} };
  }
  const m = NETWORK.exec(raw);
  if (m) {
    let u: URL;
    try {
      u = new URL(raw.slice(m[1]!.length + 1));
    } catch {
      throw new StoreUrlError(`cannot parse store URL ${redactStoreUrl(raw)}`);
    }
    const out: StoreUrl = { scheme: m[1] as StoreScheme, target: "", params: Object.fromEntries(u.searchParams) };
    if (u.username) out.user = decodeURIComponent(u.username);
    if (u.password) out.key = decodeURIComponent(u.password);
    u.username = "";
    u.password = "";
    u.search = "";
    out.target = u.toString();
    return out;
  }
  throw new StoreUrlError(
    `unknown store URL ${redactStoreUrl(raw)}: expected posix:DIR, memory:, swift+http(s)://…, s3+http(s)://…, gcs+http(s)://… or rbd:POOL`,
  );
}

/** The URL with any user-info and secret-looking query values replaced by `***`. */
export function redactStoreUrl(raw: string): string {
  return raw.replace(/(\/\/)[^/@]*@/, "$1***@").replace(/([?&](?:key|secret|password|token|access_key|secret_key)=)[^&]*/gi, "$1***");
}

/** Credentials: explicit ones win over the URL's user-info, which wins over CBH_STORE_USER / CBH_STORE_KEY. */
export function storeCredentials(url: StoreUrl, explicit: StoreCredentials = {}, env: NodeJS.ProcessEnv = process.env): StoreCredentials {
  return {
    user: explicit.user ?? url.user ?? env["CBH_STORE_USER"],
    key: explicit.key ?? url.key ?? env["CBH_STORE_KEY"],
  };
}
