/**
 * A byte view sent to the other thread: a copy of just its bytes when it is a window on a larger
 * buffer (structured clone would copy the whole buffer behind a `subarray`).
 */
export function compact(v: unknown): unknown {
  if (v instanceof Uint8Array && v.byteLength !== v.buffer.byteLength) return v.slice();
  return v;
}
