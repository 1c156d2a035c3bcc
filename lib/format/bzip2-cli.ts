import { spawnSync } from "node:child_process";
import { FormatError } from "./format-error.ts";

/**
 * `bz2.compress(data)` (level 9, work factor 30) through the `bzip2 -9c` program: the same libbz2
 * 1.0.8 that CPython's `_bz2` links, hence byte-identical objects. Deterministic, synchronous.
 * Without the program, bz2 is as unavailable as in a cinder whose Python lacks `bz2`.
 */
let available: boolean | undefined;

export function bzip2Available(): boolean {
  if (available === undefined) {
    const r = spawnSync("bzip2", ["--help"], { stdio: "ignore" });
    available = r.error === undefined;
  }
  return available;
}

export function bzip2Compress(data: Uint8Array): Uint8Array {
  if (!bzip2Available())
    throw new FormatError("bad-compression", "unsupported compression algorithm: bz2 (the bzip2 program is not installed)");
  const r = spawnSync("bzip2", ["-9c"], { input: data, maxBuffer: data.length + (data.length >> 6) + 1024 * 1024 });
  if (r.error || r.status !== 0)
    throw new FormatError("bad-compression", `bzip2 failed: ${r.error?.message ?? r.stderr.toString().trim()}`);
  return new Uint8Array(r.stdout.buffer, r.stdout.byteOffset, r.stdout.length);
}
