import { open, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { VolumeFile } from "../../../lib/format/index.ts";
import { PAGE_SIZE, type PageRun } from "../../driver/sparse-device.ts";

/** Copy unit between a VolumeFile and its shared file (zero ranges are holes, never written). */
const STEP = 1024 * 1024;
const ZERO = Buffer.alloc(STEP);

/** memcmp against zeros (a byte loop in JS costs more than the driver's own I/O). */
function isZero(b: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(b.buffer, b.byteOffset, b.byteLength), ZERO.subarray(0, b.byteLength)) === 0;
}

/** Pages per writev (Linux's IOV_MAX is 1024). */
const WRITEV_PAGES = 256;

/** A VolumeFile that hands out its non-zero pages (FakeVolumeFile): exported without a read copy. */
export interface PagedVolumeFile extends VolumeFile {
  pageRuns(): Iterable<PageRun>;
}

/**
 * A volume file whose bytes are tracked across calls (FakeVolumeFile over the harness's device):
 * its exported file is kept after the call and brought up to date by rewriting only the pages
 * that changed (SparseDevice stamps), and a restore's pages are adopted rather than copied.
 */
export interface TrackedVolumeFile extends PagedVolumeFile {
  /** What the kept file stands for (the harness's device): the same object for every call on one volume. */
  readonly lineage: object;
  /** The stamp of the last change to the bytes this file shows. */
  stamp(): number;
  /** The pages whose bytes may differ from the lineage's at `stamp`, with their bytes (null: zeros). */
  changedPagesSince(stamp: number): Iterable<{ page: number; bytes: Uint8Array | null }>;
  /** After a restore: the lineage's stamp when it holds exactly these bytes (all flushed), else null. */
  settledStamp(): number | null;
  /** A write of whole pages nobody else holds: kept as given, no copy. */
  adoptPages(offset: number, data: Uint8Array): Promise<void>;
}

function isTracked(file: VolumeFile): file is TrackedVolumeFile {
  return "lineage" in file && "changedPagesSince" in file && "settledStamp" in file;
}

/** A byte range of the volume file the driver wrote (`[offset, length]`, from the shim). */
export type WrittenRange = readonly [offset: number, length: number];

/** What identifies a file's bytes as the harness last left them: any write through any handle changes it. */
interface FileState {
  ino: number;
  size: number;
  mtimeNs: bigint;
  ctimeNs: bigint;
}

/** A kept volume file: it holds its lineage's bytes as of `stamp` (when `state` still matches). */
interface Kept {
  hostPath: string;
  driverPath: string;
  stamp: number;
  state: FileState | null;
  /** A call is using it (one at a time: a restore writes it). */
  busy: boolean;
  sizeBytes: number;
}

/** A volume file handed to one call: `release` it when the call is over. */
export interface ExportedFile {
  hostPath: string;
  driverPath: string;
  /** Bytes written into a kept file to bring it up to date (0: none); -1 for a new file (the whole device). */
  bytesWritten: number;
  /** The kept file of a tracked volume (null: a file of this call alone, removed after it). */
  readonly kept: Kept | null;
  /** The file's state once written for this call (kept files): `release` of a backup checks nothing wrote it since. */
  readonly exported: FileState | null;
}

/**
 * Volume data crosses the protocol as files in a directory shared with the driver process:
 * the harness writes the device into a sparse file before `backup`/`restore`, and after
 * `restore` copies back every range the driver changed. `hostDir` is the directory as the
 * harness sees it, `driverDir` as the driver sees it (the same unless it runs in a container).
 *
 * The file of a harness device (a TrackedVolumeFile) is kept after the call, up to
 * `keep` files, while its bytes are known to be the device's: the next call on that device
 * (another backup, an incremental, a restore onto it) rewrites only the pages changed since,
 * instead of the whole device. A file a driver changed behind the harness's back (its size,
 * mtime or ctime moved), or a device written but not flushed, gets a full export again.
 */
export class SharedVolumeFiles {
  #n = 0;
  /** Kept files by device (held weakly: a device nobody holds any more lets its file go). */
  readonly #byLineage = new WeakMap<object, Kept>();
  /** Kept files, least recently used first. */
  readonly #lru = new Set<Kept>();
  readonly #gone = new FinalizationRegistry<Kept>((k) => {
    this.#lru.delete(k);
    void this.remove(k.hostPath).catch(() => undefined);
  });

  constructor(
    readonly hostDir: string,
    readonly driverDir = hostDir,
    /** How many volume files to keep between calls (least recently used go first; 0: none). */
    readonly keep = 8,
  ) {}

  /** A file holding `file`'s bytes for one call: a kept one brought up to date, or a new one. */
  async exportFor(volumeId: string, file: VolumeFile | PagedVolumeFile): Promise<ExportedFile> {
    const own = async (): Promise<ExportedFile> => ({ ...(await this.export(volumeId, file)), bytesWritten: -1, kept: null, exported: null });
    if (!isTracked(file) || this.keep === 0) return own();
    const kept = this.#byLineage.get(file.lineage);
    // another call on the same device holds it (a restore may be writing it): a file of this call's own
    if (kept?.busy) return own();
    if (kept && kept.state && kept.sizeBytes === file.sizeBytes && sameState(kept.state, await fileState(kept.hostPath).catch(() => null))) {
      kept.busy = true;
      this.#lru.delete(kept);
      this.#lru.add(kept);
      try {
        const bytesWritten = kept.stamp === file.stamp() ? 0 : await this.#patch(kept.hostPath, file, kept.stamp);
        kept.stamp = file.stamp();
        const exported = bytesWritten === 0 ? kept.state : await fileState(kept.hostPath);
        return { hostPath: kept.hostPath, driverPath: kept.driverPath, bytesWritten, kept, exported };
      } catch (e) {
        await this.#forget(file.lineage, kept);
        throw e;
      }
    }
    if (kept) await this.#forget(file.lineage, kept);
    const stamp = file.stamp();
    const f = await this.export(volumeId, file);
    const k: Kept = { ...f, stamp, state: null, busy: true, sizeBytes: file.sizeBytes };
    this.#byLineage.set(file.lineage, k);
    this.#lru.add(k);
    this.#gone.register(file.lineage, k, k);
    for (const old of this.#lru) {
      if (this.#lru.size <= this.keep) break;
      if (!old.busy) await this.#drop(old);
    }
    return { ...f, bytesWritten: -1, kept: k, exported: await fileState(f.hostPath) };
  }

  /**
   * The call is over. A backup (`settled` "unchanged"): the file is kept if nothing wrote it
   * since the export. A restore: `settled` is the device's stamp when the device now holds the
   * file's bytes (`settledStamp()` after the read-back), null when it does not (not flushed, failed):
   * the file is then removed, as is every file not kept.
   */
  async release(f: ExportedFile, lineage: object | null, settled: "unchanged" | number | null): Promise<void> {
    const k = f.kept;
    if (!k || lineage === null || this.#byLineage.get(lineage) !== k) return void (await this.remove(f.hostPath));
    const now = await fileState(k.hostPath).catch(() => null);
    if (now === null || settled === null || (settled === "unchanged" && !(f.exported && sameState(f.exported, now))))
      return void (await this.#forget(lineage, k));
    if (typeof settled === "number") k.stamp = settled;
    k.state = now;
    k.busy = false;
  }

  /** How many volume files are kept between calls now. */
  get keptFiles(): number {
    return this.#lru.size;
  }

  async #forget(lineage: object, k: Kept): Promise<void> {
    if (this.#byLineage.get(lineage) === k) this.#byLineage.delete(lineage);
    await this.#drop(k);
  }

  /** No longer kept: the file goes (a device still mapped to it finds it gone by its state). */
  async #drop(k: Kept): Promise<void> {
    this.#lru.delete(k);
    this.#gone.unregister(k);
    k.state = null;
    await this.remove(k.hostPath);
  }

  /** Writes the pages changed since `since` into a kept file (zeros where a page became zeros). */
  async #patch(hostPath: string, file: TrackedVolumeFile, since: number): Promise<number> {
    const fh = await open(hostPath, "r+");
    let written = 0;
    try {
      let run: Uint8Array[] = [];
      let at = -1;
      const flush = async () => {
        if (run.length === 0) return;
        const want = run.reduce((n, p) => n + p.length, 0);
        const { bytesWritten } = await fh.writev(run, at);
        if (bytesWritten !== want) await fh.write(Buffer.concat(run).subarray(bytesWritten), 0, want - bytesWritten, at + bytesWritten);
        written += want;
        run = [];
      };
      let next = -1;
      for (const { page, bytes } of file.changedPagesSince(since)) {
        const len = Math.min(PAGE_SIZE, file.sizeBytes - page * PAGE_SIZE);
        if (len <= 0) continue;
        if (page !== next || run.length >= WRITEV_PAGES) {
          await flush();
          at = page * PAGE_SIZE;
        }
        run.push(bytes ?? ZERO.subarray(0, len));
        next = page + 1;
      }
      await flush();
    } finally {
      await fh.close();
    }
    return written;
  }

  /** Writes the device's content into a new sparse file; returns both paths. */
  async export(volumeId: string, file: VolumeFile | PagedVolumeFile): Promise<{ hostPath: string; driverPath: string }> {
    const name = `volume-${volumeId}-${++this.#n}`;
    const hostPath = join(this.hostDir, name);
    const fh = await open(hostPath, "w");
    try {
      await fh.truncate(file.sizeBytes);
      if ("pageRuns" in file) {
        // the device's own page buffers, straight into the file (no read into a copy first)
        for (const run of file.pageRuns()) {
          for (let i = 0; i < run.pages.length; i += WRITEV_PAGES) {
            const part = run.pages.slice(i, i + WRITEV_PAGES);
            const at = run.offset + i * PAGE_SIZE;
            const want = part.reduce((n, p) => n + p.length, 0);
            const { bytesWritten } = await fh.writev(part, at);
            if (bytesWritten !== want)
              await fh.write(Buffer.concat(part).subarray(bytesWritten), 0, want - bytesWritten, at + bytesWritten);
          }
        }
        return { hostPath, driverPath: join(this.driverDir, name) };
      }
      for (let off = 0; off < file.sizeBytes; off += STEP) {
        const len = Math.min(STEP, file.sizeBytes - off);
        if (file.isZeroRange?.(off, len)) continue;
        const data = await file.read(off, len);
        if (!isZero(data)) await fh.write(data, 0, data.length, off);
      }
    } finally {
      await fh.close();
    }
    return { hostPath, driverPath: join(this.driverDir, name) };
  }

  /**
   * Copies into `file` every range whose bytes differ from the device's; flushes when the driver
   * did. `only` limits the comparison to ranges the shim saw the driver write (mid-restore syncs);
   * without it the whole file is compared (the final, exact import).
   */
  async importChanges(hostPath: string, file: VolumeFile, flushed: boolean, only?: readonly WrittenRange[]): Promise<void> {
    const fh = await open(hostPath, "r");
    // a buffer of its own per step, read for the file alone: a tracked file keeps its pages as they are (no copy)
    const put = isTracked(file) ? (off: number, b: Uint8Array) => file.adoptPages(off, b) : (off: number, b: Uint8Array) => file.write(off, b);
    try {
      const size = (await fh.stat()).size;
      if (size !== file.sizeBytes) throw new Error(`restore changed the size of the volume file from ${file.sizeBytes} to ${size} bytes`);
      const ranges = only ?? [[0, size] as const];
      for (const [start, length] of ranges) {
        const end = Math.min(size, start + length);
        for (let off = Math.max(0, start); off < end; off += STEP) {
          const len = Math.min(STEP, end - off);
          const buf = Buffer.allocUnsafe(len);
          const { bytesRead } = await fh.read(buf, 0, len, off);
          const now = new Uint8Array(buf.buffer, buf.byteOffset, bytesRead);
          if (file.isZeroRange?.(off, len)) {
            // the device holds zeros there: nothing to compare but the file's bytes
            if (!isZero(now)) await put(off, now);
            continue;
          }
          const before = await file.read(off, len);
          if (Buffer.compare(now, Buffer.from(before.buffer, before.byteOffset, before.byteLength)) !== 0) await put(off, now);
        }
      }
    } finally {
      await fh.close();
    }
    if (flushed) await file.flush();
  }

  async remove(hostPath: string): Promise<void> {
    await rm(hostPath, { force: true });
  }
}

async function fileState(path: string): Promise<FileState> {
  const s = await stat(path, { bigint: true });
  return { ino: Number(s.ino), size: Number(s.size), mtimeNs: s.mtimeNs, ctimeNs: s.ctimeNs };
}

function sameState(a: FileState, b: FileState | null): boolean {
  return b !== null && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}
