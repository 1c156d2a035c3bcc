import { InvalidStoreNameError } from "../contract/store-errors.ts";

/**
 * Percent-encodes an object name for a URL path, keeping `/` (Swift and GCS-XML style paths).
 * Names with NUL/CR/LF or "." / ".." segments are refused: servers would normalise or reject them.
 */
export function encodeObjectPath(name: string): string {
  checkObjectName(name);
  return name.split("/").map(encodeURIComponent).join("/");
}

export function checkObjectName(name: string): void {
  if (name.length === 0) throw new InvalidStoreNameError("object", name, "empty");
  if (/[\0\r\n]/.test(name)) throw new InvalidStoreNameError("object", name, "control character");
  if (Buffer.byteLength(name) > 1024) throw new InvalidStoreNameError("object", name, "longer than 1024 bytes");
  if (name.split("/").some((s) => s === "." || s === "..")) throw new InvalidStoreNameError("object", name, "dot segment");
}

export function checkContainerName(name: string): void {
  if (name.length === 0 || name.length > 256) throw new InvalidStoreNameError("container", name, "length must be 1..256");
  if (/[/\0\r\n]/.test(name)) throw new InvalidStoreNameError("container", name, "no '/' or control characters");
  if (name === "." || name === "..") throw new InvalidStoreNameError("container", name, "dot name");
}
