import type { ServerResponse } from "node:http";
import type { RouteResponse } from "./http-types.ts";

/** Writes a RouteResponse: JSON values are serialized, strings and bytes sent as they are. */
export function respond(res: ServerResponse, r: RouteResponse, head: boolean): void {
  let payload: Buffer;
  const headers: Record<string, string> = { ...r.headers };
  if (r.body === undefined || r.body === null) payload = Buffer.alloc(0);
  else if (Buffer.isBuffer(r.body)) payload = r.body;
  else if (r.body instanceof Uint8Array) payload = Buffer.from(r.body.buffer, r.body.byteOffset, r.body.byteLength);
  else if (typeof r.body === "string") payload = Buffer.from(r.body, "utf8");
  else {
    payload = Buffer.from(JSON.stringify(r.body), "utf8");
    if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["Content-Type"] = "application/json";
  }
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  if (r.status !== 204 && r.status !== 304) res.setHeader("Content-Length", String(payload.length));
  res.statusCode = r.status;
  res.end(head || r.status === 204 || r.status === 304 ? undefined : payload);
}
