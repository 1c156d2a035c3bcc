// The Ceph backup driver's layout in a pool (cinder backup/drivers/ceph.py, spec §8): names and
// what a backup is. Pure; reaching a cluster (ceph/rbd/rados CLI) is lib/stores/rbd.
export * from "./rbd-names.ts";
export * from "./rbd-backup.ts";
export * from "./restore-points.ts";
