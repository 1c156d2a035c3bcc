/**
 * The in-process shapes of the Block Storage v3 REST layer: what the HTTP server (bin/server/)
 * hands in after Keystone token validation, and what it writes back verbatim.
 */
export interface RestRequest {
  method: string;
  /** What follows the `/volume` mount: `/`, `/v3/`, `/v3/{project_id}/backups/detail`. */
  path: string;
  query: URLSearchParams | Record<string, string | string[]>;
  /** Header names in any case. */
  headers: Record<string, string>;
  body: string | undefined;
  /** The validated token, or null when the request carried none. */
  auth: RestAuth | null;
  /** Public URL of the `/volume` mount, e.g. `http://127.0.0.1:8776/volume` (links are built from it). */
  baseUrl: string;
}

export interface RestAuth {
  userId: string;
  projectId: string;
  roles: string[];
}

export interface RestResponse {
  status: number;
  headers: Record<string, string>;
  /** A JSON-serialisable body, or undefined for 202/204 answers without one. */
  body: unknown;
}

export interface RestHandlerOptions {
  /** `osapi_max_request_body_size` (oslo_middleware sizelimit), default 114688 bytes. */
  maxRequestBodySize?: number;
  /** `osapi_max_limit`, default 1000. */
  maxLimit?: number;
  /**
   * What to answer where cinder 21.3.1 itself crashes on malformed input with a 500 (a version
   * header that is not two words, `{"restore": null}`, JSON nested past Python's recursion
   * limit, …): `"safe"` (default) answers 400 with the reason, so bad input never gets a 5xx;
   * `"faithful"` reproduces cinder's 500 bug for bug.
   */
  cinderCrashes?: "safe" | "faithful";
}

export interface RestHandler {
  handle(req: RestRequest): Promise<RestResponse>;
}
