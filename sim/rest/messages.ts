import type { UserMessage } from "../kernel/user-messages.ts";
import { formatDatetime } from "./datetime.ts";
import { badRequest } from "./faults.ts";
import { validateInteger } from "./list-query.ts";
import type { Call, Route } from "./route.ts";

/** `message/message_field.py:Action` (id, text). */
const ACTIONS: Record<string, [string, string]> = {
  SCHEDULE_ALLOCATE_VOLUME: ["001", "schedule allocate volume"],
  ATTACH_VOLUME: ["002", "attach volume"],
  EXTEND_VOLUME: ["007", "extend volume"],
  BACKUP_CREATE: ["013", "create backup"],
  BACKUP_DELETE: ["014", "delete backup"],
  BACKUP_RESTORE: ["015", "restore backup"],
};

/** `message/message_field.py:Detail` texts by id (the ones the simulated services raise). */
const DETAILS: Record<string, string> = {
  "001": "An unknown error occurred.",
  "017": "Backup status is invalid.",
  "018": "Backup service is down.",
  "019": "Failed to get backup device from the volume service.",
  "020": "Backup driver failed to create backup.",
  "021": "Failed to attach volume.",
  "022": "Failed to detach volume.",
  "023": "Cleanup of temporary volume/snapshot failed.",
  "024": "Backup failed to schedule. Service not found for creating backup.",
  "025": "Backup driver failed to delete backup.",
  "026": "Backup driver failed to restore backup.",
  "027": "Volume status is invalid.",
};

/** `[DEFAULT] message_ttl` (2592000 s): `guaranteed_until`. */
const MESSAGE_TTL_MS = 2_592_000_000;
/** `resource_filters.json` `message` (3.33+). */
const FILTERS = ["resource_uuid", "resource_type", "event_id", "request_id", "message_level"];

/** `MessagesController._build_user_message` + `views/messages.py:detail`. */
function view(call: Call, m: UserMessage): Record<string, unknown> {
  const actionText = ACTIONS[m.action]?.[1] ?? m.action.toLowerCase().replace(/_/g, " ");
  return {
    id: m.id,
    // message/api.py:create: "VOLUME_%(resource_type)s_%(action_id)s_%(detail_id)s"
    event_id: eventId(m),
    user_message: `${actionText}:${DETAILS[m.detail_id] ?? DETAILS["001"]}`,
    message_level: "ERROR",
    created_at: formatDatetime(m.created_at),
    guaranteed_until: formatDatetime(m.created_at + MESSAGE_TTL_MS),
    request_id: null,
    links: call.links.item("messages", m.id),
    resource_type: m.resource_type,
    resource_uuid: m.resource_uuid,
  };
}

function eventId(m: UserMessage): string {
  return `VOLUME_${m.resource_type}_${ACTIONS[m.action]?.[0] ?? "000"}_${m.detail_id}`;
}

/** `MessagesController.index` (3.3; pagination 3.5; filters checked 3.33), newest first as `message_get_all` sorts. */
async function index(call: Call) {
  let items = [...(await call.cloud.ops.messages.list(call.ctx))].sort((a, b) => b.created_at - a.created_at || (a.id < b.id ? 1 : -1));
  if (call.minor >= 5) {
    const filters: Record<string, string> = {};
    let limit: number | undefined;
    let offset = 0;
    let marker: string | undefined;
    const sort: Array<[string, string]> = [];
    for (const [k, v] of call.query.entries()) {
      // api/common.py:get_sort_params: `sort=key[:dir],...`, or `sort_key` + `sort_dir`.
      if (k === "sort")
        for (const part of v.split(",")) sort.push([part.split(":")[0]?.trim() ?? "", (part.split(":")[1] ?? "desc").trim()]);
      else if (k === "sort_key") sort.push([v, call.query.get("sort_dir") ?? "desc"]);
      else if (k === "sort_dir") continue;
      else if (k === "limit") limit = validateInteger(v, "limit", 0);
      else if (k === "offset") offset = validateInteger(v, "offset", 0);
      else if (k === "marker") marker = v;
      else filters[k] = v;
    }
    const unknown = Object.keys(filters).filter((k) => !FILTERS.includes(k));
    if (call.minor >= 33 && unknown.length) throw badRequest(`Invalid filters ${unknown.join(",")} are found in query options.`);
    const value = (m: UserMessage, k: string): string | null =>
      k === "event_id"
        ? eventId(m)
        : k === "message_level"
          ? "ERROR"
          : k === "request_id"
            ? null
            : String((m as unknown as Record<string, unknown>)[k]);
    items = unknown.length ? [] : items.filter((m) => Object.entries(filters).every(([k, v]) => value(m, k) === v));
    if (sort.length) {
      for (const [k, dir] of sort) {
        if (!["created_at", "id", "resource_uuid", "resource_type", "event_id"].includes(k))
          throw badRequest(`Invalid input received: Invalid sort key ${k}`);
        if (dir !== "asc" && dir !== "desc") throw badRequest(`Invalid input received: Unknown sort direction, must be 'desc' or 'asc'`);
      }
      const key = (m: UserMessage, k: string): string | number =>
        k === "created_at" ? m.created_at : k === "event_id" ? eventId(m) : String((m as unknown as Record<string, unknown>)[k]);
      items.sort((a, b) => {
        for (const [k, dir] of sort) {
          const x = key(a, k);
          const y = key(b, k);
          if (x !== y) return (x < y ? -1 : 1) * (dir === "asc" ? 1 : -1);
        }
        return 0;
      });
    }
    if (marker !== undefined) {
      const i = items.findIndex((m) => m.id === marker);
      if (i < 0) throw badRequest(`Marker ${marker} could not be found.`);
      items = items.slice(i + 1);
    }
    items = items.slice(offset, limit === undefined ? undefined : offset + limit);
  }
  return { status: 200, body: { messages: items.map((m) => view(call, m)) } };
}

export const messageRoutes: Route[] = [
  { method: "GET", path: "messages", min: 3, handler: index },
  {
    method: "GET",
    path: "messages/{id}",
    min: 3,
    handler: async (call) => ({
      status: 200,
      body: { message: view(call, await call.cloud.ops.messages.get(call.ctx, call.params["id"] as string)) },
    }),
  },
  {
    method: "DELETE",
    path: "messages/{id}",
    min: 3,
    handler: async (call) => {
      await call.cloud.ops.messages.delete(call.ctx, call.params["id"] as string);
      return { status: 204 };
    },
  },
];
