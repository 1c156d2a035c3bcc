/** One item of a read-ahead sequence: its data, or why it could not be read. */
export type Fetched<T, D = Uint8Array> = { ok: true; item: T; data: D } | { ok: false; item: T; error: unknown };

/**
 * Reads `items` in order, reading the next one while the caller works on the current one, so store
 * I/O (and decompression) overlaps hashing. Backpressure: at most one item is read ahead, and only
 * when its declared size is at most `maxAheadBytes` (a 2 GB posix object is not held twice). A read
 * that fails is yielded in its place as `error`; the following items are still read.
 */
export async function* readAhead<T, D = Uint8Array>(
  items: readonly T[],
  read: (item: T) => Promise<D>,
  sizeOf: (item: T) => number,
  maxAheadBytes: number,
): AsyncGenerator<Fetched<T, D>> {
  const settle = (item: T): Promise<Fetched<T, D>> =>
    read(item).then(
      (data): Fetched<T, D> => ({ ok: true, item, data }),
      (error: unknown): Fetched<T, D> => ({ ok: false, item, error }),
    );
  let next: Promise<Fetched<T, D>> | null = null;
  for (let k = 0; k < items.length; k++) {
    const current = next ?? settle(items[k] as T);
    next = null;
    const after = items[k + 1];
    if (after !== undefined && sizeOf(after) <= maxAheadBytes) next = settle(after);
    yield await current;
  }
}
