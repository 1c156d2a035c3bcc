import { accessSync, constants, mkdirSync } from "node:fs";
import { CliUsageError } from "./cli-args.ts";

/**
 * `--report DIR`: created (with its parents) and checked writable before a run starts, so a typo
 * or a read-only path is a usage error up front, never an error after a long sweep whose results
 * are then lost.
 */
export function prepareReportDir(command: string, dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "error";
    throw new CliUsageError(command, `--report ${dir}: cannot write reports there (${code})`);
  }
}
