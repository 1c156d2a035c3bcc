import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { HostCephCli, type ObjectStore } from "../../../lib/stores/index.ts";
import { CephContainer, type StartedCephContainer } from "../../../lib/backends/index.ts";
import { DriverLoadError } from "../../driver/module-driver.ts";
import { createRbdPool, removeRbdPool } from "./rbd-pool-admin.ts";
import { RbdPoolView } from "./rbd-pool-view.ts";
import { unwrapStore, type StoreBinding } from "./store-binding.ts";

/** cinder's default `backup_ceph_user` is `cinder`; the test cluster runs auth none. */
const USER = "cinder";
/**
 * Advertised memstore capacity (held in the OSD's RAM as written). Volumes are whole GiB, and a
 * full-copy restore (onto a volume with data, or onto its own source) writes every byte of one.
 */
const MEMSTORE_BYTES = 6 * 1024 ** 3;
/** The RBD namespace of a rule's pool that holds its volumes (`volume-<id>` images). */
const VOLUMES = "volumes";

/**
 * cinder:ceph against the Ceph container (mon + memstore OSD, no mgr, no radosgw): each rule
 * gets its own pool (`backup_ceph_pool`, one placement group, removed after the rule), which the
 * rules see through `RbdPoolView`, and its volumes are RBD images in that pool's `volumes`
 * namespace, so CephBackupDriver backs up from RBD (`export-diff | import-diff`) as it does
 * behind cinder's RBD volume driver. The driver reads a ceph.conf on this host (127.0.0.1).
 */
export async function cephBinding(runId: string, workDir: string): Promise<StoreBinding> {
  let ceph: StartedCephContainer;
  try {
    ceph = await new CephContainer().withMgr(false).withRgw(false).withMemstoreBytes(MEMSTORE_BYTES).start();
  } catch (e) {
    throw new DriverLoadError("backend-failed", `cinder:ceph: the Ceph backend failed to start: ${(e as Error).message}`);
  }
  const conf = join(workDir, "ceph.conf");
  await writeFile(
    conf,
    `[global]\nmon host = ${ceph.monHost}\nauth cluster required = none\nauth service required = none\nauth client required = none\n`,
  );
  const cli = new HostCephCli(conf);
  const pools = new WeakMap<ObjectStore, string>();
  let n = 0;
  return {
    label: "RBD pools of the Ceph container (volumes as RBD images)",
    async createStore() {
      const pool = `cbh-${runId}-${++n}`;
      await createRbdPool(cli, pool, VOLUMES);
      const store = new RbdPoolView(cli, pool);
      pools.set(store, pool);
      return store;
    },
    optionsFor(store) {
      const own = unwrapStore(store, pools);
      return {
        backup_ceph_conf: conf,
        backup_ceph_user: USER,
        ...(own ? { backup_ceph_pool: pools.get(own)! } : {}),
      };
    },
    rbdVolumesFor(store) {
      const own = unwrapStore(store, pools);
      return own ? { pool: pools.get(own)!, namespace: VOLUMES, user: USER, conf } : null;
    },
    async disposeStore(store) {
      const pool = pools.get(store);
      if (pool) await removeRbdPool(cli, pool);
    },
    async close() {
      await ceph.stop();
    },
  };
}
