import { describe, expect, it } from "vitest";
import { parseServeArgs } from "./serve-options.ts";

describe("cbh serve options", () => {
  it("defaults to 127.0.0.1:8776, seed 1, zed, settle mode, 1 h tokens, real geometry, backups in memory", () => {
    expect(parseServeArgs([])).toEqual({
      host: "127.0.0.1",
      port: 8776,
      seed: 1,
      release: "zed",
      tokenTtlSeconds: 3600,
      cinderCrashes: "safe",
      verbose: false,
      geometry: "real",
    });
  });

  it("reads every option in both spellings", () => {
    expect(
      parseServeArgs([
        "--port",
        "0",
        "--host=::1",
        "--seed",
        "42",
        "--release=master",
        "--topology",
        "t.yaml",
        "--users=u.txt",
        "--time-scale",
        "2.5",
        "--token-ttl=60",
        "--cinder-crashes",
        "faithful",
        "--verbose",
        "--geometry=small",
        "--backup-store",
        "posix:/srv/backup",
      ]),
    ).toEqual({
      host: "::1",
      port: 0,
      seed: 42,
      release: "master",
      topologyFile: "t.yaml",
      usersFile: "u.txt",
      timeScale: 2.5,
      tokenTtlSeconds: 60,
      cinderCrashes: "faithful",
      verbose: true,
      geometry: "small",
      backupStore: "posix:/srv/backup",
    });
  });

  it.each([
    [["--port", "70000"], /--port must be an integer from 0 to 65535/],
    [["--port"], /--port needs a value/],
    [["--seed", "1.5"], /--seed must be an integer/],
    [["--release", "yoga"], /--release must be zed, epoxy, master; got .yoga./],
    [["--time-scale", "0"], /--time-scale must be a number above 0/],
    [["--time-scale", "fast"], /--time-scale must be a number above 0/],
    [["--token-ttl", "0"], /--token-ttl must be an integer from 1/],
    [["--host", "a b"], /--host must be an address/],
    [["--cinder-crashes", "sometimes"], /--cinder-crashes must be safe or faithful/],
    [["--bogus"], /^unknown option --bogus \(see cbh serve --help\)$/],
    [["--verbose=yes"], /^--verbose takes no value$/],
    [["extra"], /^unexpected argument 'extra' \(see cbh serve --help\)$/],
    [["--port", "--seed", "3"], /^--port needs a value$/],
    [["--users"], /--users needs a value/],
    [["--geometry", "huge"], /--geometry must be real or small/],
    [["--backup-store", "rbd:backups"], /rbd: is the Ceph driver's layout/],
    [["--backup-store", "/tmp/x"], /--backup-store must be a store URL/],
    [["--backup-store", "ftp://u:hunter2@h/x"], /got 'ftp:\/\/\*\*\*@h\/x'/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseServeArgs(argv)).toThrow(message);
  });
});
