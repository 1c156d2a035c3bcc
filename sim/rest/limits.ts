import type { Route } from "./route.ts";

/** `api/views/limits.py:_build_absolute_limits` names; `contrib/used_limits.py` adds `total*Used`. */
const LIMIT_NAMES: Readonly<Record<string, string>> = {
  gigabytes: "maxTotalVolumeGigabytes",
  backup_gigabytes: "maxTotalBackupGigabytes",
  volumes: "maxTotalVolumes",
  snapshots: "maxTotalSnapshots",
  backups: "maxTotalBackups",
};

/** `GET /limits` (`v3/limits.py:LimitsController.index`): `{"limits": {"rate": [], "absolute": {...}}}`. */
export const limitRoutes: Route[] = [
  {
    method: "GET",
    path: "limits",
    handler: async (call) => {
      const raw = await call.cloud.ops.quotas.limits(call.ctx);
      const absolute: Record<string, number> = {};
      for (const [k, v] of Object.entries(raw)) {
        const name = LIMIT_NAMES[k] ?? (/^(maxTotal|total)[A-Z]/.test(k) ? k : undefined);
        if (name !== undefined && v !== null && v !== undefined) absolute[name] = v;
      }
      return { status: 200, body: { limits: { rate: [], absolute } } };
    },
  },
];
