/**
 * Shared memory whose start is page-aligned, so a piece of it can go to the disk with `O_DIRECT`
 * (`FileVolumeFile`): a direct write needs its buffer's address aligned to the device's logical block
 * (512 B, 4 KiB on some devices), which a `SharedArrayBuffer` from malloc is not (glibc puts a 16-byte
 * header in front of it). A shared `WebAssembly.Memory` is mapped by V8 on its own pages.
 */

/** Alignment (bytes) of offsets, lengths and addresses a direct write needs here: the largest logical block in use. */
export const DIRECT_IO_ALIGN = 4096;

const WASM_PAGE = 64 * 1024;
/** The one piece of the WebAssembly API used here (the project's TypeScript libs declare no WebAssembly value). */
interface WasmMemoryConstructor {
  new (descriptor: { initial: number; maximum: number; shared: boolean }): { buffer: SharedArrayBuffer };
}
const WasmMemory = (globalThis as { WebAssembly?: { Memory?: WasmMemoryConstructor } }).WebAssembly?.Memory;
const aligned = new WeakSet<ArrayBufferLike>();

/** A page-aligned SharedArrayBuffer of at least `bytes` (a multiple of 64 KiB), or null where shared wasm memory is unavailable. */
export function allocateAlignedShared(bytes: number): SharedArrayBuffer | null {
  if (!WasmMemory) return null;
  try {
    const pages = Math.ceil(bytes / WASM_PAGE);
    const buffer = new WasmMemory({ initial: pages, maximum: pages, shared: true }).buffer;
    aligned.add(buffer);
    return buffer;
  } catch {
    return null;
  }
}

/** True when `view` starts on a `DIRECT_IO_ALIGN` boundary of memory from `allocateAlignedShared`. */
export function isDirectIoAligned(view: Uint8Array): boolean {
  return aligned.has(view.buffer) && view.byteOffset % DIRECT_IO_ALIGN === 0;
}
