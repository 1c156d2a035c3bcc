import { badRequest } from "./faults.ts";
import { isFloatLiteral, pathKey } from "./number-literals.ts";
import type { Schema } from "./json-schema.ts";
import { getBoolParam, validateInteger } from "./list-query.ts";
import { DB_MAX_INT } from "./parameter-types.ts";
import { authorize } from "../api/policy.ts";
import type { Call, Reply, Route } from "./route.ts";

/** `api/schemas/quotas.py:update_quota` (the `quota_set` format is checked in `update`). */
const updateQuota: Schema = {
  type: "object",
  properties: { quota_set: { type: "object", minProperties: 1 } },
  required: ["quota_set"],
  additionalProperties: false,
};

/** `quota.py:NON_QUOTA_KEYS`. */
const NON_QUOTA_KEYS = ["tenant_id", "id"];

/** `validators.py:_validate_quota_set`: integers are checked as met, unknown keys reported last. */
function checkQuotaSet(set: Record<string, unknown>, resources: readonly string[], numbers: ReadonlyMap<string, string>): void {
  const bad: string[] = [];
  for (const [k, v] of Object.entries(set)) {
    if (!resources.includes(k) && !NON_QUOTA_KEYS.includes(k)) {
      bad.push(k);
      continue;
    }
    if (NON_QUOTA_KEYS.includes(k)) continue;
    // `int(str(value))`: a float such as 5.0 prints "5.0" and is not an integer.
    const isInt = typeof v === "number" && Number.isInteger(v) && !isFloatLiteral(numbers.get(pathKey(["quota_set", k])));
    validateInteger(typeof v === "string" ? v : isInt ? String(v) : "\u0000", k, -1, DB_MAX_INT);
  }
  if (bad.length > 0) throw badRequest(`Invalid input received: Bad key(s) in quota set: ${bad.join(", ")}`);
}

async function show(call: Call): Promise<Reply> {
  // contrib/quotas.py:QuotaSetsController.show
  const id = call.params["id"] as string;
  authorize(call.ctx, "volume_extension:quotas:show", id);
  const usage = call.query.has("usage") ? getBoolParam("usage", call.query.get("usage")) : false;
  const set = await call.cloud.ops.quotas.show(call.ctx, id, usage);
  return { status: 200, body: { quota_set: { ...set, id } } };
}

async function update(call: Call): Promise<Reply> {
  // contrib/quotas.py:QuotaSetsController.update
  const id = call.params["id"] as string;
  const set = (call.body as Record<string, Record<string, unknown>>)["quota_set"] as Record<string, unknown>;
  const defaults = await call.cloud.ops.quotas.defaults(call.ctx, id);
  checkQuotaSet(
    set,
    Object.keys(defaults).filter((k) => k !== "id"),
    call.numbers,
  );
  authorize(call.ctx, "volume_extension:quotas:update");
  if ([...id].length > 255)
    throw badRequest("Invalid input received: quota_set_name has " + [...id].length + " characters, more than 255.");
  // quotas.py:update: QUOTAS.get_project_quotas(context, id, defaults=False): only the
  // resources with the project's own limit; the others count as no usage (`quota_values.get(key, {})`).
  const current = await call.cloud.ops.quotas.show(call.ctx, id, true, false);
  const limits: Record<string, number> = {};
  for (const [k, v] of Object.entries(set)) {
    if (NON_QUOTA_KEYS.includes(k)) continue;
    // _validate_existing_resource: a string value compared with an int is a TypeError (400).
    if (k !== "per_volume_gigabytes" && v !== -1) {
      if (typeof v !== "number") throw badRequest();
      const u = current[k] as { in_use?: number; reserved?: number } | undefined;
      const used = (u?.in_use ?? 0) + (u?.reserved ?? 0);
      if (v < used)
        throw badRequest(
          `Quota ${k} limit must be equal or greater than existing resources. Current usage is ${used} and the requested limit is ${v}.`,
        );
    }
    limits[k] = Number(v);
  }
  const out = await call.cloud.ops.quotas.update(call.ctx, id, limits);
  const { id: _id, ...rest } = out;
  return { status: 200, body: { quota_set: rest } };
}

async function defaults(call: Call): Promise<Reply> {
  const id = call.params["id"] as string;
  authorize(call.ctx, "volume_extension:quotas:show", id);
  const set = await call.cloud.ops.quotas.defaults(call.ctx, id);
  return { status: 200, body: { quota_set: { ...set, id } } };
}

/** `contrib/quotas.py:QuotaSetsController.delete` (admin): 200 with an empty body. */
async function remove(call: Call): Promise<Reply> {
  const id = call.params["id"] as string;
  authorize(call.ctx, "volume_extension:quotas:delete");
  await call.cloud.ops.quotas.delete(call.ctx, id);
  return { status: 200 };
}

export const quotaRoutes: Route[] = [
  { method: "GET", path: "os-quota-sets/{id}/defaults", handler: defaults },
  { method: "GET", path: "os-quota-sets/{id}", handler: show },
  { method: "PUT", path: "os-quota-sets/{id}", body: true, schemas: [{ schema: updateQuota }], handler: update },
  { method: "DELETE", path: "os-quota-sets/{id}", handler: remove },
];
