import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A stand-in docker client for unit tests (no engine there): a shell script that logs each
 * invocation's arguments to a file, then prints `stdout`/`stderr` and exits `status` for the first
 * `match` (a regex over the joined arguments) that fits, after `sleepS` seconds if given (a slow
 * engine). Used through `CBH_DOCKER_CLI`.
 */
export function fakeDocker(answers: { match: string; stdout?: string; stderr?: string; status?: number; sleepS?: number }[]): {
  cli: string;
  calls(): string[];
} {
  const dir = mkdtempSync(join(tmpdir(), "cbh-fake-docker-"));
  const log = join(dir, "calls.log");
  const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const cases = answers
    .map(
      (a) =>
        `if printf '%s' "$*" | grep -Eq ${q(a.match)}; then ${a.sleepS ? `sleep ${a.sleepS}; ` : ""}printf '%s' ${q(a.stdout ?? "")}; printf '%s' ${q(a.stderr ?? "")} >&2; exit ${a.status ?? 0}; fi`,
    )
    .join("\n");
  const cli = join(dir, "docker");
  writeFileSync(cli, `#!/bin/sh\nprintf '%s\\n' "$*" >> ${q(log)}\n${cases}\nexit 0\n`);
  chmodSync(cli, 0o755);
  return {
    cli,
    calls: () => {
      try {
        return readFileSync(log, "utf8").trim().split("\n").filter(Boolean);
      } catch {
        return [];
      }
    },
  };
}
