import type { ObjectStore } from "../contract/object-store.ts";
import { MemoryObjectStore } from "../memory/memory-object-store.ts";
import { PosixObjectStore } from "../posix/posix-object-store.ts";

/**
 * Store URLs of `cbh store …` and the conformance runner:
 *   posix:DIR                 a directory in cinder's posix layout
 *   memory:[NAME]             an in-process MemoryObjectStore (shared by NAME within the process)
 *   swift+http(s)://HOST…     Swift (tempauth URL), s3+http(s)://HOST, gcs+http(s)://HOST?project=P
 *   rbd:POOL                  a Ceph pool (not a chunked object store)
 * Credentials come from the URL's user-info, flags or the environment (CBH_STORE_USER / CBH_STORE_KEY);
 * `redactStoreUrl` is the only form ever printed.
 */
export interface StoreUrl {
  scheme: string;
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

export type StoreFactory = (url: StoreUrl, credentials: StoreCredentials) => ObjectStore | Promise<ObjectStore>;

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
  if (raw === "memory:" || raw.startsWith("memory:")) return { scheme: "memory", target: raw.slice("memory:".length) || "default", params: {} };
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
    const out: StoreUrl = { scheme: m[1] as string, target: "", params: Object.fromEntries(u.searchParams) };
    if (u.username) out.user = decodeURIComponent(u.username);
    if (u.password) out.key = decodeURIComponent(u.password);
    u.username = "";
    u.password = "";
    u.search = "";
    out.target = u.toString();
    return out;
  }
  throw new StoreUrlError(`unknown store URL ${redactStoreUrl(raw)}: expected posix:DIR, memory:, swift+http(s)://…, s3+http(s)://…, gcs+http(s)://… or rbd:POOL`);
}

/** The URL with any user-info and secret-looking query values replaced by `***`. */
export function redactStoreUrl(raw: string): string {
  return raw
    .replace(/(\/\/)[^/@]*@/, "$1***@")
    .replace(/([?&](?:key|secret|password|token|access_key|secret_key)=)[^&]*/gi, "$1***");
}

const factories = new Map<string, StoreFactory>();
const memoryStores = new Map<string, MemoryObjectStore>();

/** Adds (or replaces) the factory of a scheme. */
export function registerStoreFactory(scheme: string, factory: StoreFactory): void {
  factories.set(scheme, factory);
}

export function registeredSchemes(): string[] {
  return [...factories.keys()].sort();
}

/** Opens the store a URL names. Credentials: explicit ones win over the URL's, which win over the environment. */
export async function openStore(raw: string, credentials: StoreCredentials = {}, env: NodeJS.ProcessEnv = process.env): Promise<ObjectStore> {
  const url = parseStoreUrl(raw);
  const factory = factories.get(url.scheme);
  if (!factory) throw new StoreUrlError(`no store factory registered for '${url.scheme}' (registered: ${registeredSchemes().join(", ")})`);
  const creds: StoreCredentials = {
    user: credentials.user ?? url.user ?? env["CBH_STORE_USER"],
    key: credentials.key ?? url.key ?? env["CBH_STORE_KEY"],
  };
  return factory(url, creds);
}

registerStoreFactory("posix", (url) => new PosixObjectStore({ root: url.target }));
registerStoreFactory("memory", (url) => {
  let s = memoryStores.get(url.target);
  if (!s) memoryStores.set(url.target, (s = new MemoryObjectStore()));
  return s;
});
