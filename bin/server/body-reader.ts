import type { IncomingMessage } from "node:http";
import { bodyTooLarge, badRequest } from "./server-errors.ts";

/**
 * Reads a request body into memory, refusing (413) anything over `limit` bytes before buffering
 * it, by `Content-Length` up front and by counting while streaming (chunked bodies).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = req.headers["content-length"];
  if (declared !== undefined) {
    if (!/^\d+$/.test(declared)) return Promise.reject(badRequest("Invalid Content-Length."));
    if (Number(declared) > limit) return Promise.reject(bodyTooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        reject(bodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!failed) resolve(Buffer.concat(chunks, size));
    });
    req.on("error", (e) => {
      if (!failed) reject(e);
      failed = true;
    });
  });
}
