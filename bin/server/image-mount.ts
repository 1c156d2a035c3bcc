import type { RouteHandler } from "./http-types.ts";

/**
 * The Image API handler's contract as the server uses it (sim/rest/images: `ImageHandler`),
 * declared structurally so the HTTP layer builds on its own.
 */
export interface ImageStorageHandler {
  handle(req: {
    method: string;
    path: string;
    headers: Record<string, string>;
    body: Uint8Array;
    auth: { userId: string; projectId: string; roles: string[] } | null;
    baseUrl: string;
  }): Promise<{ status: number; headers: Record<string, string>; body?: unknown }>;
}

/** Mounts the Image API at `/image`: the token's identity becomes `auth`, bodies stay bytes. */
export function imageMount(images: ImageStorageHandler): RouteHandler {
  return async (req) => {
    const answer = await images.handle({
      method: req.method,
      path: req.path,
      headers: req.headers,
      body: req.body,
      auth: req.auth ? { userId: req.auth.userId, projectId: req.auth.projectId, roles: [...req.auth.roles] } : null,
      baseUrl: `${req.baseUrl}/image`,
    });
    return { status: answer.status, headers: answer.headers, body: answer.body };
  };
}
