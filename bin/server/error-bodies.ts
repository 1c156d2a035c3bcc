import { json, type RouteResponse } from "./http-types.ts";
import { keystoneError } from "./identity/keystone-errors.ts";
import { ServerError } from "./server-errors.ts";

export type Mount = "identity" | "volume" | "image" | "sim" | "none";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  413: "Request Entity Too Large",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** cinder's fault wrapper answer for an unexpected error (`cinder/api/middleware/fault.py`). */
const CINDER_500 = {
  computeFault: { code: 500, message: "The server has either erred or is incapable of performing the requested operation." },
};

/**
 * The answer for an error thrown while serving: ServerErrors keep their status and message;
 * anything else is a 500 with a fixed text (the stack goes to the server's log, never to clients).
 */
export function errorResponse(mount: Mount, e: unknown, baseUrl: string): RouteResponse {
  if (e instanceof ServerError) {
    const headers = { ...e.headers };
    if (e.status === 401) headers["WWW-Authenticate"] = `Keystone uri="${baseUrl}/identity"`;
    if (e.status === 413) headers["Connection"] = "close";
    if (mount === "identity") return keystoneError(e.status, e.message, headers);
    return json(e.status, { error: { code: e.status, title: TITLES[e.status] ?? "Error", message: e.message } }, headers);
  }
  if (mount === "volume") return json(500, CINDER_500);
  if (mount === "identity") return keystoneError(500, "An unexpected error prevented the server from fulfilling your request.");
  return json(500, { error: { code: 500, title: TITLES[500], message: "The server could not complete the request." } });
}
