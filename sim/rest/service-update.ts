import { badRequest } from "./faults.ts";
import type { Schema } from "./json-schema.ts";
import { authorize } from "../api/policy.ts";
import type { Call, Route } from "./route.ts";

/** `api/schemas/services.py:enable_and_disable` (`cinder_host` of parameter_types). */
const enableAndDisable: Schema = {
  type: "object",
  properties: {
    binary: { type: "string", minLength: 1, maxLength: 255 },
    host: { type: ["string", "null"], minLength: 1, maxLength: 255, pattern: "^[a-zA-Z0-9-._#@:/+\\[\\]]*$" },
    cluster: { type: ["string", "null"], minLength: 0, maxLength: 255 },
    service: { type: "string", minLength: 1, maxLength: 255 },
  },
  anyOf: [{ required: ["binary"] }, { required: ["service"] }],
  additionalProperties: false,
};

/**
 * `PUT /os-services/{enable|disable|disable-log-reason}` (`contrib/services.py:update`): policy
 * first, then the body (enable/disable have a schema; disable-log-reason in 21.3.1 none), then
 * `get_cluster_host(req, body, False)` ("Host field is missing."), then the service row (404).
 * freeze/thaw/failover/set-log/get-log are not simulated: "Unknown action" as for any other id.
 */
async function update(call: Call) {
  authorize(call.ctx, "volume_extension:services:update");
  const id = call.params["id"] as string;
  const body = (call.body ?? {}) as Record<string, unknown>;
  if (typeof body !== "object" || Array.isArray(body)) throw badRequest("Invalid input received: Unknown action");
  let disabled: boolean;
  let reason: string | null | undefined;
  if (id === "enable" || id === "disable") {
    call.validate(enableAndDisable);
    disabled = id === "disable";
  } else if (id === "disable-log-reason") {
    disabled = true;
    const r = body["disabled_reason"];
    reason = typeof r === "string" ? r : null;
  } else {
    throw badRequest("Invalid input received: Unknown action");
  }
  const host = body["host"];
  if (typeof host !== "string" || host === "") throw badRequest("Invalid input received: Host field is missing.");
  const service = typeof body["service"] === "string" ? body["service"] : "";
  const binary = typeof body["binary"] === "string" ? body["binary"] : "";
  await call.cloud.ops.services.update(call.ctx, {
    host,
    binary: binary || service,
    disabled,
    ...(reason !== undefined ? { reason } : {}),
  });
  const out: Record<string, unknown> = {};
  if (reason !== undefined) out["disabled_reason"] = reason;
  Object.assign(out, { disabled, host, service, binary, status: disabled ? "disabled" : "enabled" });
  return { status: 200, body: out };
}

export const serviceUpdateRoutes: Route[] = [{ method: "PUT", path: "os-services/{id}", body: true, handler: update }];
