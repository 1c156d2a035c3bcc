import type { StartedBackends, BackendKind } from "./start-backend.ts";

/** What a person (or a script) needs to use a started backend: endpoints, credentials, store URL. */
export interface BackendDescription {
  kind: BackendKind;
  containerId: string;
  endpoints: Record<string, string>;
  credentials: Record<string, string>;
  /** For `cbh store --store URL` (credentials go in --user/--key or CBH_STORE_USER/KEY). */
  storeUrl?: string;
}

export function describeBackend<K extends BackendKind>(kind: K, started: StartedBackends[K]): BackendDescription {
  const containerId = started.getId();
  switch (kind) {
    case "gcs": {
      const b = started as StartedBackends["gcs"];
      return {
        kind,
        containerId,
        endpoints: { api: b.endpoint, token: b.tokenUri, discovery: b.discoveryUrl },
        credentials: { key: b.token },
        storeUrl: `gcs+${b.endpoint}?project=cbh-project`,
      };
    }
    case "swift": {
      const b = started as StartedBackends["swift"];
      return {
        kind,
        containerId,
        endpoints: { proxy: b.proxyUrl, auth: b.authUrl },
        credentials: { user: b.user, key: b.key },
        storeUrl: `swift+${b.authUrl}`,
      };
    }
    case "swift-keystone": {
      const b = started as StartedBackends["swift-keystone"];
      return {
        kind,
        containerId,
        endpoints: { proxy: b.proxyUrl, keystone: b.keystoneUrl },
        credentials: {
          user: b.users.demo.username,
          key: b.users.demo.password,
          project: b.users.demo.projectName,
          adminUser: b.users.admin.username,
          adminKey: b.users.admin.password,
        },
      };
    }
    case "ceph": {
      const b = started as StartedBackends["ceph"];
      return {
        kind,
        containerId,
        endpoints: { monHost: b.monHost, ...(b.rgwUrl ? { rgw: b.rgwUrl, swiftAuth: b.swiftAuthUrl } : {}) },
        credentials: {
          user: b.credentials.s3AccessKey,
          key: b.credentials.s3SecretKey,
          swiftUser: b.credentials.swiftUser,
          swiftKey: b.credentials.swiftKey,
        },
        ...(b.rgwUrl ? { storeUrl: `s3+${b.rgwUrl}` } : {}),
      };
    }
    case "nfs": {
      const b = started as StartedBackends["nfs"];
      return { kind, containerId, endpoints: { export: b.nfsUrl() }, credentials: {} };
    }
    default:
      throw new Error(`no description for backend ${String(kind)}`);
  }
}
