import type { ListQuery } from "../api/operations.ts";
import type { Call } from "./route.ts";
import { badRequest } from "./faults.ts";
import { DB_MAX_INT } from "./parameter-types.ts";

const TRUE_STRINGS = ["1", "t", "true", "on", "y", "yes"];
const FALSE_STRINGS = ["0", "f", "false", "off", "n", "no"];

/** `oslo_utils.strutils.is_valid_boolstr`. */
export function isValidBoolStr(v: string): boolean {
  const s = v.toLowerCase();
  return TRUE_STRINGS.includes(s) || FALSE_STRINGS.includes(s);
}

/** `cinder/utils.py:get_bool_param` → InvalidParameterValue (400). */
export function getBoolParam(name: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (!isValidBoolStr(value)) throw badRequest(`Value '${value}' for '${name}' is not a boolean.`);
  return TRUE_STRINGS.includes(value.toLowerCase());
}

/** Python `int(str)`: optional sign, digits, underscores between digits, surrounding whitespace. */
export function pyInt(s: string): number | undefined {
  const t = s.trim();
  if (!/^[+-]?\d+(_\d+)*$/.test(t)) return undefined;
  return Number(t.replace(/_/g, ""));
}

/** `oslo_utils.strutils.validate_integer` as `api_utils.validate_integer` raises it (400). */
export function validateInteger(value: string, name: string, min?: number, max?: number): number {
  const n = pyInt(value);
  if (n === undefined) throw badRequest(`${name} must be an integer`);
  if (min !== undefined && n < min) throw badRequest(`${name} must be >= ${min}`);
  if (max !== undefined && n > max) throw badRequest(`${name} must be <= ${max}`);
  return n;
}

export interface ListSpec {
  resource: "backup" | "volume" | "snapshot" | "attachment";
  /** Keys a non-admin may filter on before 3.31 (`_get_*_filter_options`). */
  legacyAllowed: readonly string[];
  /** `resource_filters.json` for this resource (3.31+). */
  configured: readonly string[];
  /** Sort keys the model has, after name conversion. */
  columns: readonly string[];
  /** Microversion from which `sort=name` maps to `display_name` (backups 3.37, snapshots 3.30; volumes always). */
  sortNameFrom?: number;
}

export interface ParsedList {
  query: ListQuery;
  showCount: boolean;
}

/**
 * `api/common.py:get_pagination_params`, `get_sort_params`, `process_general_filtering`,
 * `reject_invalid_filters`, `convert_filter_attributes`, `api_utils.remove_invalid_filter_options`
 * and `backup/api.py:API.get_all`'s `all_tenants` check, in cinder's order.
 */
export function parseList(call: Call, spec: ListSpec): ParsedList {
  const filters = call.query.toDict();
  const take = (k: string): string | undefined => {
    const v = filters[k];
    delete filters[k];
    return v;
  };
  const rawLimit = take("limit");
  let limit = call.maxLimit;
  if (rawLimit !== undefined) {
    const n = pyInt(rawLimit);
    if (n === undefined) throw badRequest("limit param must be an integer");
    if (n < 0) throw badRequest("limit param must be positive");
    limit = Math.min(n, call.maxLimit);
  }
  const marker = take("marker");
  const rawOffset = take("offset");
  const offset = rawOffset === undefined ? 0 : validateInteger(rawOffset, "offset", 0, DB_MAX_INT);
  if ("sort" in filters && ("sort_key" in filters || "sort_dir" in filters)) {
    throw badRequest("The 'sort_key' and 'sort_dir' parameters are deprecated and cannot be used with the 'sort' parameter.");
  }
  const sort: Array<[string, string]> = [];
  const sortParam = take("sort");
  if (sortParam !== undefined) {
    for (const part of sortParam.trim().split(",")) {
      const i = part.indexOf(":");
      const key = (i < 0 ? part : part.slice(0, i)).trim();
      const dir = i < 0 || part.slice(i + 1) === "" ? "desc" : part.slice(i + 1).trim();
      sort.push([key, dir]);
    }
  } else {
    sort.push([(take("sort_key") ?? "created_at").trim(), (take("sort_dir") ?? "desc").trim()]);
  }
  let showCount = false;
  if (call.minor >= 45 && "with_count" in filters) showCount = getBoolParam("with_count", take("with_count"));
  const nameFrom = spec.sortNameFrom ?? 0;
  for (const s of sort) if (s[0] === "name" && call.minor >= nameFrom) s[0] = "display_name";
  applyFilterRules(call, spec, filters);
  if ("name" in filters) {
    filters["display_name"] = filters["name"] as string;
    delete filters["name"];
  }
  // backup/api.py:API.get_all checks it strictly with its own text; volume/api.py:API.get_all uses
  // get_bool_param; get_all_snapshots and attachments take any string (non-strict bool_from_string).
  const allTenants = take("all_tenants") ?? "0";
  if (!isValidBoolStr(allTenants)) {
    if (spec.resource === "backup") throw badRequest(`all_tenants must be a boolean, got '${allTenants}'.`);
    if (spec.resource === "volume") throw badRequest(`Value '${allTenants}' for 'all_tenants' is not a boolean.`);
  }
  // db/sqlalchemy/api.py:process_sort_params and common/sqlalchemyutils.py:paginate_query
  for (const [, dir] of sort)
    if (dir !== "asc" && dir !== "desc") throw badRequest("Invalid input received: Unknown sort direction, must be 'desc' or 'asc'.");
  for (const [key] of sort) if (!spec.columns.includes(key)) throw badRequest("Invalid input received: Invalid sort key");
  const query: ListQuery = {
    filters,
    allTenants: call.ctx.isAdmin && TRUE_STRINGS.includes(allTenants.toLowerCase()),
    sort: sort as Array<[string, "asc" | "desc"]>,
    limit,
    offset,
  };
  if (marker !== undefined) query.marker = marker;
  return { query, showCount };
}

const ATTRIBUTE_CONVERTERS: Readonly<Record<string, string>> = {
  "name~": "display_name~",
  "description~": "display_description~",
  consumes_quota: "use_quota",
};

function applyFilterRules(call: Call, spec: ListSpec, filters: Record<string, string>): void {
  if (call.minor < 31) {
    if (call.ctx.isAdmin) return;
    for (const k of Object.keys(filters)) if (!spec.legacyAllowed.includes(k)) delete filters[k];
    return;
  }
  if (Object.keys(filters).some((k) => /[^\x00-\x7f]/.test(k))) throw badRequest("Filter keys can only contain ASCII characters.");
  if (!call.ctx.isAdmin) {
    const like = call.minor >= 34;
    const invalid = Object.keys(filters).filter((k) => !(spec.configured.includes(k) || (like && spec.configured.includes(`${k}~`))));
    const rest = invalid.filter((k) => k !== "all_tenants");
    if (invalid.includes("all_tenants")) delete filters["all_tenants"];
    if (rest.length > 0) throw badRequest(`Invalid filters ${rest.join(",")} are found in query options.`);
  }
  for (const k of Object.keys(filters)) {
    const to = ATTRIBUTE_CONVERTERS[k];
    if (to !== undefined && spec.resource !== "attachment") {
      filters[to] = filters[k] as string;
      delete filters[k];
    }
  }
}
