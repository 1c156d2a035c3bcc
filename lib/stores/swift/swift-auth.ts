import { StoreAuthError, StoreHttpError } from "../contract/store-errors.ts";

/** What a Swift client needs after authenticating: a token and the account's storage URL. */
export interface SwiftSession {
  token: string;
  storageUrl: string;
}

export interface SwiftAuth {
  readonly version: "1" | "3";
  authenticate(): Promise<SwiftSession>;
}

/**
 * tempauth / swauth v1: `GET <auth_url>` with X-Auth-User/X-Auth-Key, answer in X-Auth-Token +
 * X-Storage-Url (cinder: `backup_swift_auth_version = 1`, swiftclient `get_auth_1_0`).
 */
export class SwiftTempAuth implements SwiftAuth {
  readonly version = "1" as const;
  constructor(
    readonly authUrl: string,
    readonly user: string,
    readonly key: string,
  ) {}

  async authenticate(): Promise<SwiftSession> {
    const res = await fetch(this.authUrl, { headers: { "X-Auth-User": this.user, "X-Auth-Key": this.key } });
    const body = await res.text();
    if (res.status === 401 || res.status === 403) throw new StoreAuthError("swift", `tempauth ${res.status} for ${this.user}`);
    if (!res.ok) throw new StoreHttpError("swift", "auth v1", res.status, body);
    const token = res.headers.get("x-auth-token") ?? res.headers.get("x-storage-token");
    const storageUrl = res.headers.get("x-storage-url");
    if (!token || !storageUrl) throw new StoreAuthError("swift", "auth v1 answer lacks X-Auth-Token or X-Storage-Url");
    return { token, storageUrl };
  }
}

export interface KeystoneV3Credentials {
  authUrl: string; // e.g. http://127.0.0.1:5000/v3
  username: string;
  password: string;
  userDomain?: string; // default "Default"
  projectName: string;
  projectDomain?: string; // default "Default"
  /** Catalog interface to use: cinder's `backup_swift_catalog_info` default is `object-store:swift:publicURL`. */
  interface?: "public" | "internal" | "admin";
  region?: string;
}

/**
 * Keystone v3 password auth scoped to a project: `POST /v3/auth/tokens`, token in the
 * X-Subject-Token header, storage URL from the catalog's `object-store` entry
 * (cinder: `backup_swift_auth_version = 3`, swiftclient `get_auth_keystone`).
 */
export class SwiftKeystoneV3Auth implements SwiftAuth {
  readonly version = "3" as const;
  constructor(readonly credentials: KeystoneV3Credentials) {}

  async authenticate(): Promise<SwiftSession> {
    const c = this.credentials;
    const url = `${c.authUrl.replace(/\/+$/, "")}/auth/tokens`;
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ["password"],
            password: { user: { name: c.username, domain: { name: c.userDomain ?? "Default" }, password: c.password } },
          },
          scope: { project: { name: c.projectName, domain: { name: c.projectDomain ?? "Default" } } },
        },
      }),
    });
    const text = await res.text();
    if (res.status === 401) throw new StoreAuthError("swift", `keystone v3 401 for ${c.username}`);
    if (res.status !== 201 && res.status !== 200) throw new StoreHttpError("swift", "keystone v3 auth", res.status, text);
    const token = res.headers.get("x-subject-token");
    if (!token) throw new StoreAuthError("swift", "keystone answer lacks X-Subject-Token");
    const storageUrl = objectStoreEndpoint(JSON.parse(text) as KeystoneTokenBody, c.interface ?? "public", c.region);
    return { token, storageUrl };
  }
}

interface KeystoneTokenBody {
  token?: { catalog?: { type: string; endpoints?: { interface: string; url: string; region?: string; region_id?: string }[] }[] };
}

function objectStoreEndpoint(body: KeystoneTokenBody, iface: string, region?: string): string {
  const service = body.token?.catalog?.find((s) => s.type === "object-store");
  const endpoint = service?.endpoints?.find((e) => e.interface === iface && (!region || e.region_id === region || e.region === region));
  if (!endpoint) throw new StoreAuthError("swift", `no object-store ${iface} endpoint in the keystone catalog`);
  return endpoint.url;
}
