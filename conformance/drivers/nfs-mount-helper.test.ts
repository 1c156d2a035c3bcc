import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { hostPython, SHIM_DIR } from "./python-runtime.ts";

// cbh_nfs_fuse is /sbin/mount.nfs in the drivers image: os-brick's RemoteFsClient runs
// `mount -t nfs -o OPTIONS SHARE MOUNTPOINT`, util-linux hands it `SHARE MOUNTPOINT -o OPTIONS`.
// What it refuses is refused before contacting a server (libnfs and fusepy are imported later), so
// the host's interpreter checks it. The mount itself: nfs-driver.int.test.ts.
const mountNfs = (...args: string[]) => {
  const r = spawnSync(hostPython(), ["-m", "cbh_nfs_fuse", ...args], { encoding: "utf8", env: { ...process.env, PYTHONPATH: SHIM_DIR } });
  return { status: r.status, stderr: r.stderr };
};
const url = (share: string, options: string) =>
  spawnSync(
    hostPython(),
    [
      "-c",
      "import sys; from cbh_nfs_fuse.mount_options import *; print(share_url(sys.argv[1], parse_options(sys.argv[2])))",
      share,
      options,
    ],
    { encoding: "utf8", env: { ...process.env, PYTHONPATH: SHIM_DIR } },
  );

describe("mount.nfs (cbh_nfs_fuse): share and options → libnfs URL", () => {
  it("NFSv3 with the server's ports: nfs://HOST/PATH?nfsport=..&mountport=..&version=3", () => {
    const r = url("127.0.0.1:/export/cbh-ab-1", "vers=3,proto=tcp,port=2049,mountport=20048,nolock");
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("nfs://127.0.0.1/export/cbh-ab-1?nfsport=2049&mountport=20048&version=3");
    expect(url("[::1]:/export", "").stdout.trim()).toBe("nfs://[::1]/export?version=3");
    // this client's own option (the plan file of its seeded ENOSPC/EIO) is accepted, not part of the URL
    expect(url("127.0.0.1:/export", "vers=3,cbh_faults=/tmp/plan.json").stdout.trim()).toBe("nfs://127.0.0.1/export?version=3");
  });

  it("NFSv4 and pNFS (os-brick tries vers=4,minorversion=1 first without a vers option) fail as a mount does: exit 32", () => {
    expect(mountNfs("127.0.0.1:/export", "/mnt/x", "-o", "vers=4,minorversion=1")).toMatchObject({
      status: 32,
      stderr: expect.stringContaining("NFS version 4 is not supported by this client (NFSv3 only)"),
    });
    expect(mountNfs("127.0.0.1:/export", "/mnt/x", "-o", "proto=udp").status).toBe(32);
  });

  it("bad usage exits 1 with the reason: a share without HOST:/PATH, an unknown option, a port that is not one", () => {
    expect(mountNfs("export", "/mnt/x")).toMatchObject({
      status: 1,
      stderr: expect.stringContaining("bad share 'export': expected HOST:/PATH"),
    });
    expect(mountNfs("h:/e", "/mnt/x", "-o", "vers=3,frobnicate")).toMatchObject({
      status: 1,
      stderr: expect.stringContaining("unknown mount options: frobnicate"),
    });
    expect(mountNfs("h:/e", "/mnt/x", "-o", "port=http")).toMatchObject({
      status: 1,
      stderr: expect.stringContaining("port=http is not a port"),
    });
    expect(mountNfs("h:/e").status).toBe(1);
  });
});
