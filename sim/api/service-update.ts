import type { ServiceRow } from "../db/rows.ts";
import { notFound } from "../errors/cinder-errors.ts";
import type { ApiDeps } from "./backups/api-deps.ts";
import { authorize } from "./policy.ts";
import type { RequestContext } from "./request-context.ts";

/**
 * `db.sqlalchemy.api._filter_host` without a match level: a host given without `@`/`#` also
 * matches its backends (`host@backend`, `host#pool`).
 */
export function hostMatches(rowHost: string, host: string): boolean {
  if (rowHost === host) return true;
  return !/[@#]/.test(host) && (rowHost.startsWith(`${host}@`) || rowHost.startsWith(`${host}#`));
}

/**
 * `PUT /os-services/{enable|disable|disable-log-reason}` (`contrib/services.py:update`, policy
 * `volume_extension:services:update`): `Service.get_by_args(host, binary)` (404
 * ServiceNotFound), then `disabled` and, for disable-log-reason only, `disabled_reason`.
 * Schedulers skip disabled services from then on.
 */
export async function updateService(
  d: ApiDeps,
  ctx: RequestContext,
  req: { host: string; binary: string; disabled: boolean; reason?: string | null },
): Promise<ServiceRow> {
  authorize(ctx, "volume_extension:services:update");
  const row = d.state.db.services.all().find((s) => s.binary === req.binary && hostMatches(s.host, req.host));
  if (!row) throw notFound("ServiceNotFound", `Service ${req.binary} could not be found on host ${req.host}.`);
  const values: Partial<ServiceRow> = { disabled: req.disabled };
  if (req.reason !== undefined) values.disabled_reason = req.reason;
  d.state.db.update(row, values);
  d.api.trace({
    kind: "state",
    event: { type: "note", text: `service ${row.binary} on ${row.host} ${req.disabled ? "disabled" : "enabled"}`, subjects: [] },
    ...(req.reason ? { detail: { disabled_reason: req.reason } } : {}),
  });
  return row;
}
