import type { ApiDeps } from "./backups/api-deps.ts";
import type { ServiceOperations } from "./operations.ts";
import { authorize } from "./policy.ts";
import { updateService } from "./service-update.ts";

/** `os-services` (admin) and `os-availability-zone`. */
export function serviceOperations(d: ApiDeps, run: <T>(label: string, fn: () => Promise<T>) => Promise<T>): ServiceOperations {
  const reg = d.state.services;
  return {
    list: (ctx, q) =>
      run("services.list", async () => {
        authorize(ctx, "volume_extension:services:index");
        return reg
          .rows()
          .filter((s) => s.binary !== "cinder-api" && (!q.binary || s.binary === q.binary) && (!q.host || s.host === q.host))
          .map((s) => ({ ...s, state: reg.isUp(s) ? ("up" as const) : ("down" as const) }));
      }),
    update: (ctx, req) => run("services.update", () => updateService(d, ctx, req)),
    availabilityZones: () =>
      run("az.list", async () => {
        const zones = new Map<string, boolean>();
        for (const s of reg.rows())
          if (s.binary === "cinder-volume")
            zones.set(s.availability_zone, (zones.get(s.availability_zone) ?? false) || (!s.disabled && reg.isUp(s)));
        return [...zones].map(([zoneName, available]) => ({ zoneName, zoneState: { available } }));
      }),
  };
}
