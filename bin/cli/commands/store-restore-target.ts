import { statSync } from "node:fs";
import { dirname } from "node:path";

/**
 * What is wrong with `cbh store restore --out FILE` before anything is read, or null. The restore
 * writes `.FILE.cbh-partial-PID` next to FILE and renames it over FILE (store-partial-file.ts), so
 * FILE's directory must exist, and FILE, if it exists, must be a regular file: renaming over a
 * directory fails late, and over a device (`--out /dev/null` as root) would replace the device.
 * An existing regular file is the caller's `--force` decision.
 */
export function restoreTargetProblem(out: string): string | null {
  const dir = dirname(out);
  const dirStat = statSync(dir, { throwIfNoEntry: false });
  if (!dirStat) return `--out ${out}: directory ${dir} does not exist`;
  if (!dirStat.isDirectory()) return `--out ${out}: ${dir} is not a directory`;
  const st = statSync(out, { throwIfNoEntry: false });
  if (st?.isDirectory()) return `--out ${out} is a directory; give the image's file name`;
  if (st && !st.isFile()) return `--out ${out} exists and is not a regular file (a device, a socket or a FIFO); give a file name`;
  return null;
}
