import type { RestAuth, RestHandler, RestResponse } from "../types.ts";

export const ADMIN: RestAuth = { userId: "admin", projectId: "admin", roles: ["admin", "member", "reader"] };
export const DEMO: RestAuth = { userId: "demo", projectId: "demo", roles: ["member", "reader"] };
export const BASE = "http://127.0.0.1:8776/volume";

export interface CallOptions {
  auth?: RestAuth | null;
  /** Value of `OpenStack-API-Version` (e.g. `volume 3.64`), or a bare "3.64". */
  version?: string;
  body?: unknown;
  /** A raw body string (sent as is). */
  raw?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
}

/** Calls the handler like the HTTP server would. `path` is relative to `/v3/{project}/` unless it starts with `/`. */
export function restClient(handler: RestHandler) {
  return async (method: string, path: string, o: CallOptions = {}): Promise<RestResponse> => {
    const auth = o.auth === undefined ? DEMO : o.auth;
    const headers: Record<string, string> = { Accept: "application/json", ...(o.headers ?? {}) };
    if (o.version !== undefined) headers["OpenStack-API-Version"] = o.version.startsWith("volume") ? o.version : `volume ${o.version}`;
    let body: string | undefined;
    if (o.raw !== undefined) body = o.raw;
    else if (o.body !== undefined) body = JSON.stringify(o.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type"))
      headers["Content-Type"] = "application/json";
    const full = path.startsWith("/") ? path : `/v3/${auth?.projectId ?? "demo"}/${path}`;
    return handler.handle({ method, path: full, query: new URLSearchParams(o.query ?? {}), headers, body, auth, baseUrl: BASE });
  };
}
