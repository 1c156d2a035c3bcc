import { readFileSync } from "node:fs";
import type { ObjectStore } from "../../sim/storage/object-store.ts";
import { GcsObjectStore } from "./gcs-object-store.ts";
import { ServiceAccountTokenSource, StaticGcsToken, type ServiceAccountKey } from "./gcs-token-source.ts";
import { S3ObjectStore } from "./s3-object-store.ts";
import { SwiftKeystoneV3Auth, SwiftTempAuth } from "./swift-auth.ts";
import { SwiftObjectStore } from "./swift-object-store.ts";

/**
 * Store URLs for the real backends (secrets may also come from `creds`, which wins):
 *   swift://127.0.0.1:8080/auth/v1.0?user=test:tester&key=testing          tempauth v1
 *   swift://127.0.0.1:5000/v3?auth=3&user=cinder&key=pw&project=service     Keystone v3
 *   s3://ACCESS:SECRET@127.0.0.1:7480?region=us-east-1                        path-style S3
 *   gcs://127.0.0.1:4443?project=p&token=T | &credentials=/path/sa.json      GCS JSON API
 * `…s://` variants (swifts, s3s, gcss) use https; gcs with no host means storage.googleapis.com.
 */
export type StoreCredentials = Record<string, string | undefined>;
export type RealStoreFactory = (url: URL, creds?: StoreCredentials) => ObjectStore;

export class StoreUrlError extends Error {
  readonly code = "invalid-store-url";
  constructor(readonly url: string, reason: string) {
    super(`invalid store URL ${redact(url)}: ${reason}`);
    this.name = "StoreUrlError";
  }
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//***@").replace(/([?&](?:key|token|secret)=)[^&]*/g, "$1***");
}

function param(url: URL, creds: StoreCredentials | undefined, name: string, required: true): string;
function param(url: URL, creds: StoreCredentials | undefined, name: string, required?: false): string | undefined;
function param(url: URL, creds: StoreCredentials | undefined, name: string, required = false): string | undefined {
  const value = creds?.[name] ?? url.searchParams.get(name) ?? undefined;
  if (required && !value) throw new StoreUrlError(url.href, `missing ${name}`);
  return value;
}

const httpOf = (url: URL, secureScheme: string) => (url.protocol === `${secureScheme}:` ? "https" : "http");

export const createSwiftStoreFromUrl: RealStoreFactory = (url, creds) => {
  const base = `${httpOf(url, "swifts")}://${url.host}${url.pathname}`;
  if (param(url, creds, "auth") === "3") {
    return new SwiftObjectStore({ auth: new SwiftKeystoneV3Auth({
      authUrl: base, username: param(url, creds, "user", true), password: param(url, creds, "key", true),
      projectName: param(url, creds, "project", true), userDomain: param(url, creds, "user_domain"),
      projectDomain: param(url, creds, "project_domain"),
    }) });
  }
  return new SwiftObjectStore({ auth: new SwiftTempAuth(base, param(url, creds, "user", true), param(url, creds, "key", true)) });
};

export const createS3StoreFromUrl: RealStoreFactory = (url, creds) => {
  const accessKey = creds?.accessKey ?? decodeURIComponent(url.username);
  const secretKey = creds?.secretKey ?? decodeURIComponent(url.password);
  if (!accessKey || !secretKey) throw new StoreUrlError(url.href, "missing access key or secret key");
  return new S3ObjectStore({ endpoint: `${httpOf(url, "s3s")}://${url.host}`, accessKey, secretKey, region: param(url, creds, "region") });
};

export const createGcsStoreFromUrl: RealStoreFactory = (url, creds) => {
  const endpoint = url.host ? `${httpOf(url, "gcss")}://${url.host}` : "https://storage.googleapis.com";
  const token = param(url, creds, "token");
  const credentials = param(url, creds, "credentials");
  if (!token && !credentials) throw new StoreUrlError(url.href, "needs token= or credentials=<service account JSON file>");
  const tokens = token ? new StaticGcsToken(token) : new ServiceAccountTokenSource(JSON.parse(readFileSync(credentials!, "utf8")) as ServiceAccountKey);
  return new GcsObjectStore({ endpoint, projectId: param(url, creds, "project", true), tokens });
};

/** Scheme -> factory, ready for `registerStoreFactory(scheme, factory)` in store-url.ts. */
export const REAL_STORE_FACTORIES: Readonly<Record<string, RealStoreFactory>> = {
  swift: createSwiftStoreFromUrl, swifts: createSwiftStoreFromUrl,
  s3: createS3StoreFromUrl, s3s: createS3StoreFromUrl,
  gcs: createGcsStoreFromUrl, gcss: createGcsStoreFromUrl,
};

/** Registers every real store with a store-URL registry. */
export function registerRealStores(register: (scheme: string, factory: RealStoreFactory) => void): void {
  for (const [scheme, factory] of Object.entries(REAL_STORE_FACTORIES)) register(scheme, factory);
}

/** Builds a real store from a URL string (throws StoreUrlError for unknown schemes). */
export function createRealStore(href: string, creds?: StoreCredentials): ObjectStore {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    throw new StoreUrlError(href, "not a URL");
  }
  const factory = REAL_STORE_FACTORIES[url.protocol.replace(/:$/, "")];
  if (!factory) throw new StoreUrlError(href, `unknown scheme; expected one of ${Object.keys(REAL_STORE_FACTORIES).join(", ")}`);
  return factory(url, creds);
}
