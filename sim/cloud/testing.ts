import type { CloudState } from "../kernel/cloud-state.ts";
import type { CinderService } from "../services/cinder-service.ts";
import { SimulatedCloudImpl } from "./simulated-cloud-impl.ts";
import type { SimulatedCloud } from "./simulated-cloud.ts";

/** What a white-box test of the model may reach behind the facade. */
export interface CloudInternals {
  /** Everything the services share (database, quotas, bus, devices, keys, user messages…). */
  readonly state: CloudState;
  /** The service objects in build order. */
  readonly services: readonly CinderService[];
}

/**
 * FOR THE MODEL'S OWN TESTS ONLY (`sim/tests`, `sim/cloud/*.test.ts`; lint forbids it anywhere
 * else): the internals of a cloud built by `CloudBuilder`. Everything else uses the facade
 * (`SimulatedCloud`, its `inspect` and `faults` facets).
 */
export function internalsOf(cloud: SimulatedCloud): CloudInternals {
  if (!(cloud instanceof SimulatedCloudImpl)) throw new TypeError("internalsOf: not a cloud built by CloudBuilder");
  return { state: cloud.state, services: cloud.services };
}
