import { PassThrough } from "node:stream";
import { finished } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import { CephCommandError, type CephCli, type CephProcess } from "./ceph-cli.ts";
import { RbdStore } from "./rbd-store.ts";
import { cephCliFor, discoverRbdBackups, HostCephCli, verifyRbdBackups } from "./index.ts";

/** A pool as `rbd`/`rados` would print it: images with snapshots, and RADOS objects. */
interface FakePool {
  images: Record<string, { size: number; snaps: string[] }>;
  objects: Record<string, string | Buffer>;
}

/** Answers the few read commands discovery and verify run, from in-memory pools. */
class FakeCephCli implements CephCli {
  constructor(private readonly pools: Record<string, FakePool>) {}

  spawn(argv: string[]): CephProcess {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const fail = (msg: string) => new CephCommandError(argv, 2, msg);
    let done: Promise<void>;
    try {
      stdout.end(this.answer(argv, fail));
      done = finished(stdout); // like the real command: exits after its output was read
    } catch (error) {
      stdout.end();
      done = Promise.reject(error as Error);
    }
    return { stdin, stdout, done };
  }

  private answer(argv: string[], fail: (m: string) => Error): string | Buffer {
    const image = (spec: string) => {
      const [pool = "", name = ""] = spec.split("/");
      const img = this.pools[pool]?.images[name];
      if (!img) throw fail("rbd: error opening image: (2) No such file or directory");
      return img;
    };
    const [cmd, a1, a2, a3, a4, a5] = argv;
    if (cmd === "rbd" && a1 === "ls") return JSON.stringify(Object.keys(this.pools[a4!]?.images ?? {}));
    if (cmd === "rbd" && a1 === "snap" && a2 === "ls") {
      const img = image(a5!);
      return JSON.stringify(img.snaps.map((name, id) => ({ id, name, size: img.size })));
    }
    if (cmd === "rbd" && a1 === "info") return JSON.stringify({ name: a4, size: image(a4!).size });
    if (cmd === "rados" && a3 === "ls")
      return Object.keys(this.pools[a2!]?.objects ?? {})
        .map((n) => `${n}\n`)
        .join("");
    if (cmd === "rados" && a3 === "get") {
      const obj = this.pools[a2!]?.objects[a4!];
      if (obj === undefined) throw fail("error getting backups/x: (2) No such file or directory");
      return obj;
    }
    throw fail(`unexpected ${argv.join(" ")}`);
  }
}

const V = "0e0e0e0e-0000-4000-8000-000000000001";
const meta = (volumeId = V) => JSON.stringify({ version: 2, "volume-base-metadata": { id: volumeId } });

async function verifyPool(pool: FakePool, backupId?: string) {
  const cli = new FakeCephCli({ backups: pool });
  const catalogue = await discoverRbdBackups(new RbdStore(cli), cli, "backups");
  return { catalogue, report: await verifyRbdBackups(cli, catalogue, backupId) };
}

describe("rbd: backup discovery and verify (ceph.py layout, spec §8)", () => {
  it("orders restore points by timestamp, parents each on the one before, and lists copies and legacy bases", async () => {
    const { catalogue, report } = await verifyPool({
      images: {
        [`volume-${V}.backup.f1`]: { size: 1 << 30, snaps: ["backup.i2.snap.1700000200.5", "backup.f1.snap.1700000100.25", "other-snap"] },
        [`volume-${V}.backup.c9`]: { size: 1 << 30, snaps: [] },
        [`volume-${V}.backup.base`]: { size: 1 << 30, snaps: [] },
        "volume-unrelated": { size: 1, snaps: [] },
      },
      objects: { "backup.f1.meta": meta(), "backup.i2.meta": meta(), "backup.c9.meta": meta(), rbd_directory: "" },
    });
    expect(catalogue.backups.map((b) => [b.backupId, b.kind, b.parentId, b.snapshot])).toEqual([
      ["c9", "copy", null, null],
      ["f1", "diff", null, "backup.f1.snap.1700000100.25"],
      ["i2", "diff", "f1", "backup.i2.snap.1700000200.5"],
    ]);
    expect(catalogue.unattributedImages).toEqual([`volume-${V}.backup.base`]);
    expect(report).toEqual({ valid: true, backups: ["c9", "f1", "i2"], problems: [] });
  });

  it("reports duplicate restore points, a base without its own snapshot, bad or foreign metadata, and leftovers", async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 0x20);
    const { report } = await verifyPool({
      images: {
        [`volume-${V}.backup.f1`]: { size: 10, snaps: ["backup.i2.snap.2", "backup.i2.snap.3"] },
        "volume-other.backup.x": { size: 10, snaps: ["backup.x.snap.1"] },
        "volume-w.backup.w": { size: 10, snaps: ["backup.w.snap.1"] },
      },
      objects: {
        "backup.f1.meta": "{not json",
        "backup.i2.meta": meta(),
        "backup.x.meta": meta(),
        "backup.gone.meta": meta(),
        "backup.lost.meta": meta("vol-without-images"),
        "backup.w.meta": big,
      },
    });
    expect(report.valid).toBe(false);
    expect(report.problems.map((p) => [p.code, p.backupId])).toEqual([
      ["rbd-snapshot-missing", "f1"],
      ["rbd-metadata-unparsable", "f1"],
      ["rbd-snapshot-missing", "gone"],
      ["rbd-duplicate-snapshot", "i2"],
      ["rbd-image-missing", "lost"],
      ["rbd-metadata-unparsable", "w"],
      ["rbd-metadata-unparsable", "x"],
    ]);
  });

  it("a backup nothing names is rbd-backup-not-found; a missing metadata object is rbd-metadata-missing", async () => {
    const pool = { images: { "volume-v.backup.b": { size: 10, snaps: [] } }, objects: {} };
    expect((await verifyPool(pool, "nope")).report.problems.map((p) => p.code)).toEqual(["rbd-backup-not-found"]);
    expect((await verifyPool(pool, "b")).report.problems.map((p) => p.code)).toEqual(["rbd-metadata-missing"]);
  });

  it("needs exactly one way to the cluster, and refuses option-like container names", () => {
    expect(() => cephCliFor({}, {})).toThrow(expect.objectContaining({ code: "ceph-access" }));
    expect(() => cephCliFor({ container: "--privileged" }, {})).toThrow(expect.objectContaining({ code: "ceph-access" }));
    expect(() => cephCliFor({ container: "c1", conf: "/etc/hosts" }, {})).toThrow(expect.objectContaining({ code: "ceph-access" }));
    expect(() => cephCliFor({ conf: "/nonexistent/ceph.conf" }, {})).toThrow(/does not exist/);
    expect(cephCliFor({}, { CBH_CEPH_CONF: "/etc/hosts", CBH_CEPH_USER: "cinder" })).toEqual(new HostCephCli("/etc/hosts", "cinder"));
    expect(cephCliFor({ container: "c1" }, { CBH_CEPH_CONF: "/etc/hosts" }).constructor.name).toBe("DockerExecCephCli");
  });
});
