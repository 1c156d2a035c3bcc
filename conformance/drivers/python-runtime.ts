import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The directory holding the `cbh_shim` package (put on PYTHONPATH). */
export const SHIM_DIR = join(dirname(fileURLToPath(import.meta.url)), "python");

/**
 * Debian's interpreter, which sees python3-cinder (pyenv's `python3` on PATH does not);
 * `CBH_DEBIAN_PYTHON` overrides it. `--driver-runtime host` runs the shim with it.
 */
export function hostPython(): string {
  return process.env["CBH_DEBIAN_PYTHON"] ?? "/usr/bin/python3";
}

/** PYTHONPATH for the shim plus a user's `--driver-path` directories (absolute). */
export function shimPythonPath(driverPaths: readonly string[] = []): string {
  return [...driverPaths.map((p) => resolve(p)), SHIM_DIR].join(":");
}
