import type { IncomingMessage } from "node:http";
import type { Mount } from "./error-bodies.ts";

/** Which service a path belongs to: `/identity`, `/volume`, `/image`, `/sim`, or none. */
export function mountOf(pathname: string): { mount: Mount; rest: string } {
  const m = /^\/(identity|volume|image|sim)(\/.*)?$/.exec(pathname);
  if (!m) return { mount: "none", rest: pathname };
  return { mount: m[1] as Mount, rest: m[2] ?? "" };
}

/** Unauthenticated Block Storage paths: the root version document (cinder's `apiversions` app). */
const VOLUME_PUBLIC = /^\/?$/;

/** Every `/sim` request and every `/volume` request but version discovery needs a valid token. */
export function needsToken(mount: Mount, rest: string): boolean {
  return mount === "sim" || (mount === "volume" && !VOLUME_PUBLIC.test(rest));
}

/** Header names lower-cased, repeated headers joined (as WSGI does). */
export function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}
