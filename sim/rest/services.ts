import { formatDatetime } from "./datetime.ts";
import { authorize } from "../api/policy.ts";
import type { Route } from "./route.ts";

/**
 * `GET /os-services` (`contrib/services.py:ServiceController.index`, admin): `cluster` from 3.7,
 * `backend_state` for volume services from 3.49; the extended-services fields
 * (`disabled_reason`; `replication_status`, `active_backend_id`, `frozen` for volume services).
 */
export const serviceRoutes: Route[] = [
  {
    method: "GET",
    path: "os-services",
    handler: async (call) => {
      authorize(call.ctx, "volume_extension:services:index");
      const q: { binary?: string; host?: string } = {};
      const host = call.query.get("host");
      const binary = call.query.get("binary");
      if (host !== undefined) q.host = host;
      if (binary !== undefined) q.binary = binary;
      const rows = await call.cloud.ops.services.list(call.ctx, q);
      const services = rows.map((s) => {
        const out: Record<string, unknown> = {
          binary: s.binary,
          host: s.host,
          zone: s.availability_zone,
          status: s.disabled ? "disabled" : "enabled",
          state: s.state,
          updated_at: formatDatetime(s.updated_at),
        };
        if (call.minor >= 49 && s.binary === "cinder-volume") out["backend_state"] = String(s.capabilities?.["backend_state"] ?? "up");
        if (call.minor >= 7) out["cluster"] = null;
        out["disabled_reason"] = s.disabled_reason;
        if (s.binary === "cinder-volume") {
          out["replication_status"] = "disabled";
          out["active_backend_id"] = null;
          out["frozen"] = s.frozen;
        }
        return out;
      });
      return { status: 200, body: { services } };
    },
  },
];
