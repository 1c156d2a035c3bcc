import type { IncomingMessage } from "node:http";
import type { ByteBudget } from "./byte-budget.ts";
import { bodyTooLarge, badRequest } from "./server-errors.ts";

/**
 * Reads a request body into memory, refusing (413) anything over `limit` bytes before buffering
 * it, by `Content-Length` up front and by counting while streaming (chunked bodies). Bytes are
 * taken from `budget` as they arrive; the caller gives back `body.length` once done, and on a
 * failure whatever was taken is given back here.
 */
export function readBody(req: IncomingMessage, limit: number, budget?: ByteBudget): Promise<Buffer> {
  const declared = req.headers["content-length"];
  if (declared !== undefined) {
    if (!/^\d+$/.test(declared)) return Promise.reject(badRequest("Invalid Content-Length."));
    if (Number(declared) > limit) return Promise.reject(bodyTooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    const fail = (e: unknown): void => {
      failed = true;
      chunks.length = 0;
      budget?.give(size);
      reject(e);
    };
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      if (size + chunk.length > limit) return fail(bodyTooLarge(limit));
      try {
        budget?.take(chunk.length);
      } catch (e) {
        return fail(e);
      }
      size += chunk.length;
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!failed) resolve(Buffer.concat(chunks, size));
    });
    req.on("error", (e) => {
      if (!failed) fail(e);
    });
  });
}
