import type { Topology } from "../../sim/cloud/index.ts";
import type { Cursor } from "./yaml-cursor.ts";

const HOST = { max: 64, pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, hint: "a host name like dcn0" };
const BACKEND = { max: 64, pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*@[A-Za-z0-9_.-]+$/, hint: "a volume backend like dcn0@lvm" };

/**
 * `topology: { api_host, scheduler_host, zones: [{ name, volume_backends: [dcn0@lvm],
 * backup_hosts: [dcn0 | {host, workers}] }] }` — the first zone is the central site (API and
 * scheduler run there).
 */
export function parseTopology(c: Cursor): Topology | null {
  if (!c.present) return null;
  c.only(["api_host", "scheduler_host", "zones"]);
  const zones = c.get("zones").items();
  if (zones.length < 1 || zones.length > 16) c.get("zones").fail("a topology has 1 to 16 zones");
  const t: Topology = { zones: zones.map(zone) };
  if (c.get("api_host").present) t.apiHost = c.get("api_host").str(HOST);
  if (c.get("scheduler_host").present) t.schedulerHost = c.get("scheduler_host").str(HOST);
  const seen = new Set<string>();
  zones.forEach((z, i) => {
    const zt = t.zones[i]!;
    if (seen.has(zt.name)) z.get("name").fail(`zone '${zt.name}' appears twice`);
    seen.add(zt.name);
  });
  const hosts = new Set<string>();
  for (const [i, z] of t.zones.entries()) {
    for (const h of [...z.volumeBackends.map((b) => b.host), ...z.backupHosts.map((b) => b.host)]) {
      if (hosts.has(h)) zones[i]!.fail(`host '${h}' appears twice`);
      hosts.add(h);
    }
  }
  return t;
}

function zone(c: Cursor): Topology["zones"][number] {
  c.only(["name", "volume_backends", "backup_hosts"]);
  const vb = c.get("volume_backends").present ? c.get("volume_backends").items() : [];
  const bh = c.get("backup_hosts").present ? c.get("backup_hosts").items() : [];
  if (vb.length > 16 || bh.length > 16) c.fail("at most 16 volume backends and 16 backup hosts per zone");
  return {
    name: c.get("name").str({ max: 64, pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, hint: "an AZ name like dcn0" }),
    volumeBackends: vb.map((b) => {
      const host = b.str(BACKEND);
      return { host, backend: host.split("@")[1]! };
    }),
    backupHosts: bh.map((b) => {
      if (!b.isMap) return { host: b.str(HOST) };
      b.only(["host", "workers"]);
      return { host: b.get("host").str(HOST), workers: b.get("workers").present ? b.get("workers").int(1, 8) : 1 };
    }),
  };
}
