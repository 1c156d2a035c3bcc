import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { PosixObjectStore } from "../../../lib/stores/posix/posix-object-store.ts";
import { writeThenRename } from "./store-partial-file.ts";

const CBH = fileURLToPath(new URL("../../cbh.js", import.meta.url));
const GOLDEN = fileURLToPath(new URL("../../../fixtures/golden/sets/posix-zlib-chain/store", import.meta.url));
const FULL = "488e23f4-3b9f-524c-a0ae-04b3e4ed70e4";
const dir = mkdtempSync(join(tmpdir(), "cbh-store-safety-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cbh(...args: string[]) {
  const r = spawnSync(process.execPath, [CBH, "store", ...args], { cwd: dir, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("cbh store never mistakes a missing store for a valid one", { timeout: 120_000 }, () => {
  it("a posix directory that does not exist: exit 2 naming it, for ls, verify and restore; never created", () => {
    const missing = join(dir, "unmounted-share");
    for (const args of [["ls"], ["verify"], ["verify", "--json"], ["restore", "--backup", FULL, "--out", join(dir, "x.img")]]) {
      const r = cbh(...args, "--store", `posix:${missing}`);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`[store-not-found] posix store directory ${missing} does not exist`);
      expect(r.out).not.toMatch(/valid/);
      expect(existsSync(missing)).toBe(false);
    }
    writeFileSync(join(dir, "a-file"), "x");
    expect(cbh("verify", "--store", `posix:${join(dir, "a-file")}`).err).toContain("is not a directory");
  });

  it("an existing but empty store (an unmounted share's mount point) verifies nothing: exit 1, in text and JSON; ls says empty", () => {
    const empty = join(dir, "empty");
    mkdirSync(empty);
    const v = cbh("verify", "--store", `posix:${empty}`);
    expect(v.code).toBe(1);
    expect(v.out).toBe(`EMPTY: posix:${empty} exists but holds no backup (0 container(s)); nothing verified\n`);
    const j = cbh("verify", "--store", `posix:${empty}`, "--json");
    expect(j.code).toBe(1);
    expect(JSON.parse(j.out)).toMatchObject({ valid: false, empty: true, backups: [] });
    const l = cbh("ls", "--store", `posix:${empty}`);
    expect(l.out).toMatch(/^empty: /);
    expect(l.code).toBe(0);
  });

  it("memory: (a store inside one process) is refused by ls, verify and restore, exit 2: a new process's is always empty", () => {
    for (const args of [["ls"], ["verify"], ["restore", "--backup", FULL, "--out", join(dir, "m.img")]]) {
      const r = cbh(...args, "--store", "memory:");
      expect(r.code).toBe(2);
      expect(r.err).toContain("[bad-store-url] memory: is a store inside one process");
      expect(r.out).toBe("");
    }
  });

  it("the read-only posix store refuses a missing root instead of creating it", async () => {
    const root = join(dir, "not-there");
    const s = new PosixObjectStore({ root, createRoot: false });
    await expect(s.listContainers()).rejects.toMatchObject({ code: "store-not-found" });
    expect(existsSync(root)).toBe(false);
  });
});

describe("cbh store restore --force and partial files", { timeout: 120_000 }, () => {
  it("an --out that cannot be the image is refused before the store is read, exit 2, even with --force", () => {
    for (const [out, message] of [
      [
        join(dir, "no-such-dir", "x.img"),
        `--out ${join(dir, "no-such-dir", "x.img")}: directory ${join(dir, "no-such-dir")} does not exist`,
      ],
      [dir, `--out ${dir} is a directory; give the image's file name`],
      ["/dev/null", "--out /dev/null exists and is not a regular file (a device, a socket or a FIFO); give a file name"],
    ] as const)
      for (const force of [[], ["--force"]]) {
        const r = cbh("restore", "--store", `posix:${GOLDEN}`, "--backup", FULL, "--out", out, ...force);
        expect(r.err).toBe(`cbh store restore: ${message}\n`);
        expect(r.code).toBe(2);
      }
    expect(readdirSync(dir).filter((n) => n.includes("cbh-partial"))).toEqual([]);
  });

  it("--force restores past a missing object (its range left zero), exit 1, as the help says", () => {
    const root = join(dir, "damaged");
    cpSync(GOLDEN, root, { recursive: true });
    const cdir = join(root, FULL.slice(0, 2), FULL.slice(2, 4), FULL);
    const obj = readdirSync(cdir).find((n) => n.endsWith("-00002"))!;
    rmSync(join(cdir, obj));
    const out = join(dir, "forced.img");
    const refused = cbh("restore", "--store", `posix:${root}`, "--backup", FULL, "--out", out);
    expect(refused.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    const r = cbh("restore", "--store", `posix:${root}`, "--backup", FULL, "--out", out, "--force");
    expect(r.err).toContain(`skipped ${obj} of ${FULL} [262144, 524288)`);
    expect(r.out).toContain("1 unreadable object(s) skipped");
    expect(r.code).toBe(1);
    const img = readFileSync(out);
    expect(img.subarray(262144, 524288).every((b) => b === 0)).toBe(true);
    expect(img.subarray(0, 262144).some((b) => b !== 0)).toBe(true);
    expect(readdirSync(dir).filter((n) => n.includes("cbh-partial"))).toEqual([]);
  });

  it("a restore that fails leaves neither FILE nor its partial file; a complete one renames into place", async () => {
    const out = join(dir, "failing.img");
    await expect(
      writeThenRename(out, async (tmp) => {
        writeFileSync(tmp, "half an image");
        throw new Error("store went away");
      }),
    ).rejects.toThrow("store went away");
    expect(readdirSync(dir).filter((n) => n.includes("failing.img"))).toEqual([]);
    await writeThenRename(out, async (tmp) => writeFileSync(tmp, "whole"));
    expect(readFileSync(out, "utf8")).toBe("whole");
    expect(readdirSync(dir).filter((n) => n.includes("failing.img"))).toEqual(["failing.img"]);
  });
});
