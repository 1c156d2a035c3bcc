import { chmod, constants, mkdir, open, readdir, realpath, unlink, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import type { ObjectReader, OpenableObjectStore, SizedObjectStore } from "../../format/index.ts";
import { ObjectNotFoundError, type EarlyWriteObjectStore } from "../contract/object-store.ts";
import { ObjectTooLargeError } from "../contract/store-errors.ts";
import { assertDirectory } from "./store-not-found.ts";
import { safeSegments, walkDir } from "./posix-paths.ts";

export interface PosixStoreOptions {
  /** `backup_posix_path` (or the NFS mount point). Created if missing, unless `createRoot` is false. */
  root: string;
  /** False for read-only tools (`cbh store`): a missing root is a StoreNotFoundError, never created. */
  createRoot?: boolean;
  /** Reads of larger objects are refused before they are buffered (default 4 GiB). */
  maxObjectBytes?: number;
}

const DIR_MODE = 0o770; // drivers/posix.py:put_container
const FILE_MODE = 0o660; // drivers/posix.py:get_object_writer
/** Largest single read/write call (node refuses lengths of 2 GiB and more; objects may be up to 4 GiB). */
const IO_MAX = 1 << 30;

/**
 * ObjectStore over a directory, laid out like cinder's posix driver (`drivers/posix.py`):
 * `<root>/<container>/<object>`, containers may be nested (`ab/cd/<id>`), container directories
 * 0770, files 0660. Object names with `/` become sub-directories (Swift-layout prefixes).
 * Never leaves the root: names with `..`/absolute paths are refused, symlinks resolving outside the
 * root are refused (realpath checks), and object files are opened with O_NOFOLLOW.
 * `listContainers` lists the top-level directories (a posix container `ab/cd/<id>` shows as `ab`,
 * its objects as `cd/<id>/<name>`: the same files).
 */
export class PosixObjectStore implements SizedObjectStore, OpenableObjectStore, EarlyWriteObjectStore {
  readonly kind = "posix";
  /** A local write: the backup writer may store a chunk raw while it still deflates it (EarlyWriteObjectStore). */
  readonly earlyWrites = true;
  readonly root: string;
  readonly #maxObjectBytes: number;
  readonly #createRoot: boolean;
  #realRoot: string | undefined;

  constructor(options: PosixStoreOptions) {
    this.root = options.root;
    this.#maxObjectBytes = options.maxObjectBytes ?? 4 * 1024 ** 3;
    this.#createRoot = options.createRoot ?? true;
  }

  async #rootPath(): Promise<string> {
    if (this.#realRoot === undefined) {
      if (this.#createRoot) await mkdir(this.root, { recursive: true });
      else await assertDirectory(this.root);
      this.#realRoot = await realpath(this.root);
    }
    return this.#realRoot;
  }

  async ensureContainer(container: string): Promise<void> {
    const segs = safeSegments("container", container);
    const existed = (await walkDir(await this.#rootPath(), segs, false)) !== null;
    const dir = await walkDir(await this.#rootPath(), segs, true, DIR_MODE);
    if (!existed) await chmod(dir, DIR_MODE); // mkdir's mode is masked by the umask; cinder chmods
  }

  async putObject(container: string, name: string, data: Uint8Array): Promise<void> {
    const { dir, file } = await this.#locate(container, name, true);
    const fh = await open(
      join(dir as string, file),
      constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
      FILE_MODE,
    );
    try {
      await fh.chmod(FILE_MODE);
      // One write call for the whole object (writeFile would go in 512 KiB steps, each waiting for
      // this thread, which may be busy hashing the chunk meanwhile).
      for (let done = 0; done < data.length;) done += (await fh.write(data, done, Math.min(IO_MAX, data.length - done), done)).bytesWritten;
    } finally {
      await fh.close();
    }
  }

  async getObject(container: string, name: string): Promise<Uint8Array> {
    const fh = await this.#openForRead(container, name);
    try {
      const st = await fh.stat();
      if (st.size > this.#maxObjectBytes) throw new ObjectTooLargeError(container, name, this.#maxObjectBytes);
      return await readWhole(fh, st.size);
    } finally {
      await fh.close();
    }
  }

  /** The object opened for positioned reads (`getObject`'s checks; the caller closes it). */
  async openObject(container: string, name: string): Promise<ObjectReader> {
    const fh = await this.#openForRead(container, name);
    try {
      const size = (await fh.stat()).size;
      if (size > this.#maxObjectBytes) throw new ObjectTooLargeError(container, name, this.#maxObjectBytes);
      return {
        size,
        read: async (into, position) => (await fh.read(into, 0, Math.min(IO_MAX, into.length), position)).bytesRead,
        close: () => fh.close(),
      };
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  async objectSize(container: string, name: string): Promise<number> {
    const fh = await this.#openForRead(container, name);
    try {
      return (await fh.stat()).size;
    } finally {
      await fh.close();
    }
  }

  async listObjects(container: string, prefix = ""): Promise<string[]> {
    const dir = await walkDir(await this.#rootPath(), safeSegments("container", container), false);
    if (dir === null) return [];
    const out: string[] = [];
    await walk(dir, "", prefix, out);
    return out.sort();
  }

  async deleteObject(container: string, name: string): Promise<void> {
    const { dir, file } = await this.#locate(container, name, false);
    if (dir === null) return;
    await unlink(join(dir, file)).catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? undefined : Promise.reject(e)));
  }

  async listContainers(): Promise<string[]> {
    const root = await this.#rootPath();
    const entries = await readdir(root, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  }

  async #openForRead(container: string, name: string) {
    const { dir, file } = await this.#locate(container, name, false);
    if (dir === null) throw new ObjectNotFoundError(container, name);
    try {
      const fh = await open(join(dir, file), constants.O_RDONLY | constants.O_NOFOLLOW);
      if (!(await fh.stat()).isFile()) {
        await fh.close();
        throw new ObjectNotFoundError(container, name);
      }
      return fh;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ELOOP" || code === "ENOTDIR") throw new ObjectNotFoundError(container, name);
      throw e;
    }
  }

  /** Directory (checked inside the root) and file name of an object; dir null when absent and !create. */
  async #locate(container: string, name: string, create: boolean): Promise<{ dir: string | null; file: string }> {
    const c = safeSegments("container", container);
    const n = safeSegments("object", name);
    const file = n.pop() as string;
    const root = await this.#rootPath();
    if (!create) return { dir: await walkDir(root, [...c, ...n], false), file };
    const existed = (await walkDir(root, c, false)) !== null;
    const cdir = await walkDir(root, c, true, DIR_MODE);
    if (!existed) await chmod(cdir, DIR_MODE);
    return { dir: n.length ? await walkDir(cdir, n, true) : cdir, file };
  }
}

/** Recursive listing that never follows symlinks and only descends where `prefix` can still match. */
async function walk(dir: string, rel: string, prefix: string, out: string[]): Promise<void> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const name = rel + e.name;
    if (e.isFile()) {
      if (name.startsWith(prefix)) out.push(name);
    } else if (e.isDirectory()) {
      const d = `${name}/`;
      if (d.startsWith(prefix) || prefix.startsWith(d)) await walk(join(dir, e.name), d, prefix, out);
    }
  }
}

/** The file's `size` bytes (as stat gave them) in one read call when it can; readFile goes in 512 KiB steps. */
async function readWhole(fh: FileHandle, size: number): Promise<Uint8Array> {
  const buf = Buffer.allocUnsafe(size);
  let got = 0;
  while (got < size) {
    const { bytesRead } = await fh.read(buf, got, Math.min(IO_MAX, size - got), got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}
