import type { RouteHandler } from "./http-types.ts";

/**
 * The Block Storage REST handler's contract as the server uses it (sim/rest/types.ts:
 * `RestHandler`), declared structurally here so the HTTP layer builds on its own.
 */
export interface BlockStorageHandler {
  handle(req: {
    method: string;
    path: string;
    query: URLSearchParams;
    headers: Record<string, string>;
    body: string | undefined;
    auth: { userId: string; projectId: string; roles: string[] } | null;
    baseUrl: string;
  }): Promise<{ status: number; headers: Record<string, string>; body: unknown }>;
}

/** Mounts the REST handler at `/volume`: the token's identity becomes `auth`, links are built from `BASE/volume`. */
export function volumeMount(rest: BlockStorageHandler): RouteHandler {
  return async (req) => {
    const answer = await rest.handle({
      method: req.method,
      path: req.path === "" ? "/" : req.path,
      query: req.query,
      headers: req.headers,
      body: req.body.length ? req.body.toString("utf8") : undefined,
      auth: req.auth ? { userId: req.auth.userId, projectId: req.auth.projectId, roles: [...req.auth.roles] } : null,
      baseUrl: `${req.baseUrl}/volume`,
    });
    return { status: answer.status, headers: answer.headers, body: answer.body };
  };
}
