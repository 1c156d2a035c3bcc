/** The request and response shapes passed between the HTTP server and its route handlers. */

/** Who the token says the caller is (null: no valid token). */
export interface TokenAuth {
  userId: string;
  userName: string;
  projectId: string;
  projectName: string;
  roles: string[];
}

export interface RouteRequest {
  method: string;
  /** Path below the mount point, starting with `/` (e.g. `/v3/<project>/backups`). */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: Buffer;
  auth: TokenAuth | null;
  /** `http://HOST:PORT` as the client reached us. */
  baseUrl: string;
}

export interface RouteResponse {
  status: number;
  headers: Record<string, string>;
  /** A JSON value (serialized by the server), a string, or raw bytes; undefined: empty body. */
  body?: unknown;
}

export type RouteHandler = (req: RouteRequest) => Promise<RouteResponse>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): RouteResponse {
  return { status, headers: { "Content-Type": "application/json", ...headers }, body };
}
