import { json, type RouteResponse } from "../http-types.ts";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  413: "Request Entity Too Large",
};

/** Keystone's error body (`keystone/exception.py` rendered by `keystone/server/flask/common.py`). */
export function keystoneError(code: number, message: string, headers: Record<string, string> = {}): RouteResponse {
  return json(code, { error: { code, message, title: TITLES[code] ?? "Error" } }, headers);
}

export const AUTH_REQUIRED = "The request you have made requires authentication.";

/** 401 with keystone's `WWW-Authenticate` challenge pointing at the identity endpoint. */
export function keystoneUnauthorized(baseUrl: string): RouteResponse {
  return keystoneError(401, AUTH_REQUIRED, { "WWW-Authenticate": `Keystone uri="${baseUrl}/identity"` });
}
