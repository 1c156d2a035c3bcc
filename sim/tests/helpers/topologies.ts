import type { Topology } from "../../cloud/index.ts";

/** az1 has a backup host; az2 has volumes but no cinder-backup (spec §9.17). */
export const AZ2_WITHOUT_BACKUP: Topology = {
  apiHost: "controller",
  schedulerHost: "controller",
  zones: [
    { name: "az1", volumeBackends: [{ host: "site1@lvm", backend: "lvm" }], backupHosts: [{ host: "site1" }] },
    { name: "az2", volumeBackends: [{ host: "site2@lvm", backend: "lvm" }], backupHosts: [] },
  ],
};

/** One AZ with one volume backend and one backup host. */
export const ONE_SITE: Topology = {
  apiHost: "controller",
  schedulerHost: "controller",
  zones: [{ name: "az1", volumeBackends: [{ host: "site1@lvm", backend: "lvm" }], backupHosts: [{ host: "site1" }] }],
};

/** One AZ with two backup hosts (host choice, posix pinning of spec §9.21). */
export const TWO_BACKUP_HOSTS: Topology = {
  apiHost: "controller",
  schedulerHost: "controller",
  zones: [{ name: "az1", volumeBackends: [{ host: "site1@lvm", backend: "lvm" }], backupHosts: [{ host: "bk1" }, { host: "bk2" }] }],
};
