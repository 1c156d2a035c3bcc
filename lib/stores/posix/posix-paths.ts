import { lstat, mkdir, realpath } from "node:fs/promises";
import { join, sep } from "node:path";
import { InvalidStoreNameError } from "../contract/store-errors.ts";

/** A path inside the store resolved (through a symlink) outside its root. */
export class StorePathEscapeError extends Error {
  readonly code = "store-path-escape";
  constructor(readonly path: string) {
    super(`refusing ${JSON.stringify(path)}: it resolves outside the store root`);
    this.name = "StorePathEscapeError";
  }
}

/**
 * Splits a container or object name into path segments, refusing what could leave the root:
 * absolute names, `.`/`..`/empty segments, NUL, backslashes, overlong names.
 */
export function safeSegments(kind: "container" | "object", name: string): string[] {
  if (name.length === 0) throw new InvalidStoreNameError(kind, name, "empty");
  if (Buffer.byteLength(name) > 4096) throw new InvalidStoreNameError(kind, name, "longer than 4096 bytes");
  if (name.startsWith("/")) throw new InvalidStoreNameError(kind, name, "absolute path");
  if (/[\0\\]/.test(name)) throw new InvalidStoreNameError(kind, name, "NUL or backslash");
  const parts = name.split("/");
  if (parts.some((s) => s === "" || s === "." || s === "..")) throw new InvalidStoreNameError(kind, name, "empty, '.' or '..' segment");
  if (parts.some((s) => Buffer.byteLength(s) > 255)) throw new InvalidStoreNameError(kind, name, "segment longer than 255 bytes");
  return parts;
}

export function isInside(realRoot: string, p: string): boolean {
  return p === realRoot || p.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
}

/**
 * Walks `segments` under the root one directory at a time; every existing step must resolve inside
 * the root (a symlink to elsewhere is refused before anything is created through it). With
 * `create`, missing directories are made with `mode` for the leaf (cinder: `os.makedirs` +
 * `chmod 0770`) and the umask default for parents. Returns the directory path, or null when absent.
 */
export async function walkDir(realRoot: string, segments: readonly string[], create: false): Promise<string | null>;
export async function walkDir(realRoot: string, segments: readonly string[], create: true, leafMode?: number): Promise<string>;
export async function walkDir(realRoot: string, segments: readonly string[], create: boolean, leafMode?: number): Promise<string | null> {
  let cur = realRoot;
  for (let i = 0; i < segments.length; i++) {
    const next = join(cur, segments[i] as string);
    let st = await lstat(next).catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? null : Promise.reject(e)));
    if (!st) {
      if (!create) return null;
      await mkdir(next, { mode: i === segments.length - 1 && leafMode !== undefined ? leafMode : 0o777 }).catch(
        (e: NodeJS.ErrnoException) => (e.code === "EEXIST" ? undefined : Promise.reject(e)),
      );
      st = await lstat(next);
    }
    if (st.isSymbolicLink()) {
      const real = await realpath(next);
      if (!isInside(realRoot, real)) throw new StorePathEscapeError(next);
      cur = real;
      continue;
    }
    if (!st.isDirectory()) {
      if (!create) return null;
      throw new InvalidStoreNameError("object", segments.join("/"), `${next} is not a directory`);
    }
    cur = next;
  }
  return cur;
}
