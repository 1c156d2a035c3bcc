import type { FileHandle } from "node:fs/promises";
import type { SteppedRead } from "../../format/index.ts";

/** Bytes per read call of a stepped read. */
const READ_STEP = 16 << 20;

/**
 * Reads `size` bytes of `fh` into one buffer, READ_STEP at a time, in the background, and closes
 * `fh` at the end; `filled(n)` waits for the first n bytes. A file that turns out shorter than
 * `size`, or a read error, rejects every wait past what was read.
 */
export function readStepped(fh: FileHandle, size: number): SteppedRead {
  const data = Buffer.allocUnsafe(size);
  let got = 0;
  let failure: Error | null = null;
  let waiters: Array<{ n: number; resolve: () => void; reject: (e: Error) => void }> = [];
  const wake = () => {
    const still = [];
    for (const w of waiters) {
      if (got >= w.n) w.resolve();
      else if (failure) w.reject(failure);
      else still.push(w);
    }
    waiters = still;
  };
  void (async () => {
    try {
      while (got < size) {
        const { bytesRead } = await fh.read(data, got, Math.min(READ_STEP, size - got), got);
        if (bytesRead === 0) throw new Error(`object ended after ${got} of its ${size} bytes`);
        got += bytesRead;
        wake();
      }
    } catch (e) {
      failure = e as Error;
      wake();
    } finally {
      await fh.close().catch(() => undefined);
    }
  })();
  return {
    data,
    filled(n) {
      if (got >= n) return Promise.resolve();
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => waiters.push({ n, resolve, reject }));
    },
  };
}
