import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DRIVER_CONFIG_MAX_BYTES, readDriverConfig } from "./driver-specs.ts";

const dir = mkdtempSync(join(tmpdir(), "cbh-driver-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readDriverConfig: --driver-config FILE", () => {
  it("reads the [DEFAULT] section of a cinder.conf", () => {
    const p = join(dir, "cinder.conf");
    writeFileSync(p, "# comment\n[DEFAULT]\nbackup_posix_path = /srv/b\nbackup_file_size=1048576\n");
    expect(readDriverConfig(p)).toEqual({ backup_posix_path: "/srv/b", backup_file_size: "1048576" });
  });

  it("refuses /dev/zero at once, naming the file (it used to hang)", () => {
    expect(() => readDriverConfig("/dev/zero")).toThrow(/--driver-config \/dev\/zero: not a regular file/);
  });

  it("refuses a directory and a FIFO without a writer (no blocking open)", () => {
    expect(() => readDriverConfig(dir)).toThrow(new RegExp(`--driver-config ${dir}: not a regular file`));
    const fifo = join(dir, "fifo");
    execFileSync("mkfifo", [fifo]);
    expect(() => readDriverConfig(fifo)).toThrow(/fifo: not a regular file/);
  });

  it("refuses a file over 1 MiB, naming it and its size", () => {
    const p = join(dir, "huge.conf");
    writeFileSync(p, `[DEFAULT]\n${"#".repeat(DRIVER_CONFIG_MAX_BYTES)}\n`);
    expect(() => readDriverConfig(p)).toThrow(/huge\.conf: 1048587 bytes, over the 1048576-byte limit/);
  });

  it("a missing file names it", () => {
    expect(() => readDriverConfig(join(dir, "nope.conf"))).toThrow(/--driver-config .*nope\.conf: ENOENT/);
  });
});
