import { readFileSync } from "node:fs";
import type { ObjectStore } from "../../sim/storage/object-store.ts";
import { GcsObjectStore } from "./gcs-object-store.ts";
import { ServiceAccountTokenSource, StaticGcsToken, type ServiceAccountKey } from "./gcs-token-source.ts";
import { S3ObjectStore } from "./s3-object-store.ts";
import { registerStoreFactory, StoreUrlError, type StoreCredentials, type StoreFactory, type StoreUrl } from "./store-url.ts";
import { SwiftKeystoneV3Auth, SwiftTempAuth } from "./swift-auth.ts";
import { SwiftObjectStore } from "./swift-object-store.ts";

/**
 * Factories of the real stores for store-url.ts's network schemes (user = `user`, key = `key`
 * from the URL's user-info, flags or CBH_STORE_USER / CBH_STORE_KEY):
 *   swift+http://127.0.0.1:8080/auth/v1.0                          tempauth v1 (user test:tester)
 *   swift+http://127.0.0.1:5000/v3?project=demo[&user_domain=…]     Keystone v3 (path ends in /v3)
 *   s3+http://127.0.0.1:7480[?region=us-east-1]                     user = access key, key = secret
 *   gcs+http://127.0.0.1:4443?project=P                             key = bearer token, or
 *   gcs+https://storage.googleapis.com?project=P&credentials=sa.json  service-account JWT grant
 * Importing this module registers them.
 */
function need(url: StoreUrl, value: string | undefined, what: string): string {
  if (!value) throw new StoreUrlError(`${url.scheme} store ${url.target} needs ${what}`);
  return value;
}

export const swiftStoreFactory: StoreFactory = (url: StoreUrl, creds: StoreCredentials): ObjectStore => {
  const user = need(url, creds.user, "a user (URL user-info or CBH_STORE_USER)");
  const key = need(url, creds.key, "a key (URL user-info or CBH_STORE_KEY)");
  const target = url.target.replace(/\/+$/, "");
  if (target.endsWith("/v3")) {
    return new SwiftObjectStore({ auth: new SwiftKeystoneV3Auth({
      authUrl: target, username: user, password: key, projectName: need(url, url.params.project, "?project=<name> for Keystone v3"),
      userDomain: url.params.user_domain, projectDomain: url.params.project_domain,
    }) });
  }
  return new SwiftObjectStore({ auth: new SwiftTempAuth(target, user, key) });
};

export const s3StoreFactory: StoreFactory = (url, creds) => new S3ObjectStore({
  endpoint: url.target, region: url.params.region,
  accessKey: need(url, creds.user, "an access key (user)"), secretKey: need(url, creds.key, "a secret key (key)"),
});

export const gcsStoreFactory: StoreFactory = (url, creds) => {
  const project = need(url, url.params.project, "?project=<id>");
  const tokens = url.params.credentials
    ? new ServiceAccountTokenSource(JSON.parse(readFileSync(url.params.credentials, "utf8")) as ServiceAccountKey)
    : new StaticGcsToken(need(url, creds.key, "a bearer token (key) or ?credentials=<service-account.json>"));
  return new GcsObjectStore({ endpoint: url.target, projectId: project, tokens });
};

registerStoreFactory("swift", swiftStoreFactory);
registerStoreFactory("s3", s3StoreFactory);
registerStoreFactory("gcs", gcsStoreFactory);
