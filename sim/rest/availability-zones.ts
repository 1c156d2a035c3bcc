import type { Route } from "./route.ts";

/** `GET /os-availability-zone` (`contrib/availability_zones.py`, `views/availability_zones.py`). */
export const availabilityZoneRoutes: Route[] = [
  {
    method: "GET",
    path: "os-availability-zone",
    handler: async (call) => {
      const zones = await call.cloud.ops.services.availabilityZones(call.ctx);
      return {
        status: 200,
        body: { availabilityZoneInfo: zones.map((z) => ({ zoneName: z.zoneName, zoneState: { available: z.zoneState.available } })) },
      };
    },
  },
];
