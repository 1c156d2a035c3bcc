import type { SimulatedCloud } from "../../sim/cloud/index.ts";

/**
 * The database side of a WAN partition. cinder's database lives at the central site (the zone of
 * cinder-scheduler, with cinder-api); a service reports to it every `report_interval`
 * (`service.py:Service.report_state`), and `objects.Service.is_up` (`utils.service_is_up`) calls
 * it down once its last report is older than `service_down_time`. A cut between the central zone
 * and an edge zone therefore stops every edge service's heartbeats while the services keep
 * running (`SimulatedCloud.faults.cutFromDatabase`); a cut between two edge zones leaves the
 * database reachable from both. Returns the hosts cut and the undo (null when nothing was cut).
 */
export function cutEdgeFromDatabase(cloud: SimulatedCloud, x: string, y: string): { hosts: string[]; heal: (() => void) | null } {
  const services = cloud.db.services();
  const central = services.find((s) => s.binary === "cinder-scheduler")?.availability_zone;
  const edge = central === x ? y : central === y ? x : null;
  if (edge === null || edge === central) return { hosts: [], heal: null };
  const hosts = [...new Set(services.filter((s) => s.availability_zone === edge).map((s) => s.host))];
  for (const h of hosts) cloud.faults.cutFromDatabase(h);
  return { hosts, heal: () => hosts.forEach((h) => cloud.faults.reconnectToDatabase(h)) };
}
