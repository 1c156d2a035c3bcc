import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadUsersFile, parseUsersFile } from "./users-file.ts";

describe("cbh serve --users FILE", () => {
  it("reads one account a line, skipping blanks and comments", () => {
    const text = "# user password project role\n\nroot  pw1\tadmin admin\n  # indented comment\nbob pw2 demo member\nbob pw2 lab reader\n";
    expect(parseUsersFile(text, "u")).toEqual([
      { user: "root", password: "pw1", project: "admin", role: "admin", line: 3 },
      { user: "bob", password: "pw2", project: "demo", role: "member", line: 5 },
      { user: "bob", password: "pw2", project: "lab", role: "reader", line: 6 },
    ]);
  });

  it.each([
    ["too few fields", "root S3cReT admin\n", /^u:1: expected 4 fields .*found 3$/],
    ["too many fields", "root S3cReT admin admin extra\n", /^u:1: expected 4 fields .*found 5$/],
    ["a bad user name", "r/oot S3cReT admin admin\n", /^u:1: the user name must be/],
    ["a bad project name", "root S3cReT ad$min admin\n", /^u:1: the project name must be/],
    ["an unknown role", "root S3cReT admin S3cReTrole\n", /^u:1: the role must be admin, member or reader$/],
    [
      "two passwords for one user",
      "root S3cReT admin admin\nroot S3cReT2 demo member\n",
      /^u:2: the password differs from the one on line 1 for the same user$/,
    ],
    ["a repeated account", "root S3cReT admin admin\nroot S3cReT admin member\n", /^u:2: repeats the user and project of an earlier line$/],
    ["no accounts", "# nothing\n\n", /^u: no accounts/],
  ])("refuses %s with file:line, never echoing the contents", (_what, text, message) => {
    let got = "";
    try {
      parseUsersFile(text, "u");
    } catch (e) {
      got = (e as Error).message;
    }
    expect(got).toMatch(message);
    expect(got).not.toContain("S3cReT");
  });

  it("names the file when it cannot be read, or is too large", () => {
    const dir = mkdtempSync(join(tmpdir(), "cbh-users-"));
    expect(() => loadUsersFile(join(dir, "missing"))).toThrow(/missing: cannot read the users file \(ENOENT\)/);
    writeFileSync(join(dir, "big"), "x".repeat(300_000));
    expect(() => loadUsersFile(join(dir, "big"))).toThrow(/big: the users file is larger than 262144 bytes/);
    expect(() => loadUsersFile(dir)).toThrow(`${dir}: the users file is not a regular file`);
    expect(() => loadUsersFile("/dev/zero")).toThrow("/dev/zero: the users file is not a regular file");
  });
});
