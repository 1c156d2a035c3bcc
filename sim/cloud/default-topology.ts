import type { Topology } from "./simulated-cloud.ts";

/**
 * Two sites (an edge/DCN layout like guide §3.1.6): each AZ has a cinder-volume backend
 * and a cinder-backup host; the API and the scheduler run at the central site.
 */
export const DEFAULT_TOPOLOGY: Topology = {
  apiHost: "controller",
  schedulerHost: "controller",
  zones: [
    { name: "az1", volumeBackends: [{ host: "site1@lvm", backend: "lvm" }], backupHosts: [{ host: "site1" }] },
    { name: "az2", volumeBackends: [{ host: "site2@lvm", backend: "lvm" }], backupHosts: [{ host: "site2" }] },
  ],
};

export class TopologyError extends Error {
  readonly code = "bad-topology";
}

/** Checks names are unique and every zone can hold volumes. */
export function validateTopology(t: Topology): Topology {
  if (!t.zones?.length) throw new TopologyError("topology needs at least one zone");
  const hosts = new Set<string>();
  for (const z of t.zones) {
    if (!z.name) throw new TopologyError("every zone needs a name");
    for (const h of [...(z.volumeBackends ?? []).map((b) => b.host), ...(z.backupHosts ?? []).map((b) => b.host)]) {
      if (hosts.has(h)) throw new TopologyError(`host '${h}' appears twice`);
      hosts.add(h);
    }
  }
  return t;
}
