import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

let cached: { version: string; gitSha: string | null } | undefined;

/** `cinder-backup-harness` version from package.json and the checkout's short commit, for report headers. */
export function harnessIdentity(): { version: string; gitSha: string | null } {
  if (cached) return cached;
  let version = "unknown";
  try {
    version =
      (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string }).version ?? "unknown";
  } catch {
    // not in a checkout
  }
  let gitSha: string | null = null;
  try {
    gitSha =
      execFileSync("git", ["rev-parse", "--short", "HEAD"], {
        cwd: new URL("../..", import.meta.url),
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
        timeout: 5000,
      }).trim() || null;
  } catch {
    // no git
  }
  cached = { version, gitSha };
  return cached;
}
