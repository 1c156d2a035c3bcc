import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NfsContainer } from "../../../lib/backends/index.ts";
import type { ObjectStore } from "../../../lib/stores/index.ts";
import { PosixObjectStore } from "../../../lib/stores/index.ts";
import { fuseStoreFaults } from "./fuse-store-faults.ts";
import { startBackendFor } from "./scoped-binding.ts";
import { unwrapStore, type StoreBinding } from "./store-binding.ts";

/** Where the driver's container mounts the shares (os-brick: `<base>/<md5 of the share>`); container-local. */
export const NFS_MOUNT_POINT_BASE = "/var/lib/cbh-nfs-mounts";

/**
 * cinder:nfs against NFS-Ganesha (NFSv3, the nfs container): each rule gets its own share, a
 * directory of the export (`backup_share=127.0.0.1:/export/cbh-<run>-<n>`), which the driver
 * mounts itself through os-brick's `mount -t nfs` (in the drivers image, the FUSE + libnfs client
 * `cbh_nfs_fuse` is mount.nfs), with the server's ports in `backup_mount_options` since there is no
 * reachable portmapper. The export is a host directory bind-mounted into the server, so the rules
 * inspect what the server stored (a PosixObjectStore over the share's directory, server side);
 * Ganesha runs without attribute caching, so what a rule changes there the driver sees at once.
 * The `faults.*` rules reach the FUSE client's ENOSPC/EIO injection through a plan file in the
 * run's work directory, named by the client's own mount option `cbh_faults=` (os-brick mounts
 * through oslo.privsep, whose daemon does not keep the driver process's environment).
 */
export async function nfsBinding(driver: string, runId: string, workDir: string): Promise<StoreBinding> {
  const exportDir = await mkdtemp(join(tmpdir(), "cbh-nfs-export-"));
  await chmod(exportDir, 0o777);
  let nfs;
  try {
    nfs = await startBackendFor(driver, "NFS-Ganesha", () => new NfsContainer().withNfsV3(true).withExportDir(exportDir).start());
  } catch (e) {
    await rm(exportDir, { recursive: true, force: true });
    throw e;
  }
  const server = nfs;
  const shares = new WeakMap<ObjectStore, string>();
  let n = 0;
  // Files the server wrote belong to the driver's uid (root): removed from inside the server.
  const removeShare = (share: string): Promise<unknown> => server.exec(["rm", "-rf", `/export/${share}`]);
  const planFile = join(workDir, "nfs-faults.json");
  return {
    faults: fuseStoreFaults(planFile),
    label: "an NFS-Ganesha share (NFSv3, mounted by the driver through FUSE + libnfs)",
    async createStore() {
      const share = `cbh-${runId}-${++n}`;
      const root = join(exportDir, share);
      await mkdir(root);
      // NFSBackupDriver._init_backup_repo_path wants the mount group-writable (else chmod -R g+w).
      await chmod(root, 0o777);
      const store = new PosixObjectStore({ root });
      shares.set(store, share);
      return store;
    },
    optionsFor(store) {
      const own = unwrapStore(store, shares);
      return {
        backup_mount_point_base: NFS_MOUNT_POINT_BASE,
        backup_mount_options: `vers=3,proto=tcp,port=${server.nfsPort},mountport=${server.mountPort},nolock,cbh_faults=${planFile}`,
        ...(own ? { backup_share: `127.0.0.1:/export/${shares.get(own)!}` } : {}),
      };
    },
    async disposeStore(store) {
      const share = shares.get(store);
      if (share) await removeShare(share);
    },
    async close() {
      await server.stop();
      await rm(exportDir, { recursive: true, force: true });
    },
  };
}
