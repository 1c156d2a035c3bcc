import { ObjectTooLargeError } from "../contract/store-errors.ts";

/** Default cap on one object read into memory: cinder's largest chunk is 50 MiB by default. */
export const DEFAULT_MAX_OBJECT_BYTES = 1024 * 1024 * 1024;

/**
 * Reads a body stream into one buffer without ever holding more than `limit` bytes: a
 * declared Content-Length over the limit is refused up front, and an undeclared length is
 * checked while streaming.
 */
export async function readBounded(
  body: AsyncIterable<Uint8Array> | null,
  declaredLength: number | undefined,
  limit: number,
  where: { container: string; objectName: string },
): Promise<Uint8Array> {
  if (declaredLength !== undefined && declaredLength > limit) {
    throw new ObjectTooLargeError(where.container, where.objectName, limit);
  }
  if (!body) return new Uint8Array(0);
  if (declaredLength !== undefined) {
    const out = new Uint8Array(declaredLength);
    let at = 0;
    for await (const chunk of body) {
      if (at + chunk.length > declaredLength) throw new ObjectTooLargeError(where.container, where.objectName, declaredLength);
      out.set(chunk, at);
      at += chunk.length;
    }
    return at === declaredLength ? out : out.subarray(0, at);
  }
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > limit) throw new ObjectTooLargeError(where.container, where.objectName, limit);
    parts.push(chunk);
  }
  return Buffer.concat(parts, total);
}

/** Content-Length as a number, or undefined when absent or malformed. */
export function contentLength(headers: Headers): number | undefined {
  const raw = headers.get("content-length");
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}
