import { json, type RouteRequest, type RouteResponse } from "./http-types.ts";
import type { ServedCloud } from "./served-cloud.ts";
import { badRequest, forbidden, methodNotAllowed, notFound, ServerError } from "./server-errors.ts";
import type { TimeDriver } from "./time-driver.ts";

/** Longest single `POST /sim/v1/time/advance` (30 virtual days). */
const MAX_ADVANCE_SECONDS = 30 * 24 * 3600;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function parseJson(req: RouteRequest): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(req.body.toString("utf8"));
  } catch {
    throw badRequest("Malformed request body: not JSON.");
  }
  if (!isObject(v)) throw badRequest("The request body must be a JSON object.");
  return v;
}

function onlyKeys(body: Record<string, unknown>, allowed: string[]): void {
  const extra = Object.keys(body).filter((k) => !allowed.includes(k));
  if (extra.length) throw badRequest(`Unknown key(s): ${extra.join(", ")}; allowed: ${allowed.join(", ")}.`);
}

function str(body: Record<string, unknown>, key: string): string {
  const v = body[key];
  if (typeof v !== "string" || v.length === 0 || v.length > 255)
    throw badRequest(`'${key}' must be a non-empty string of at most 255 characters.`);
  return v;
}

/** Maps errors the model throws (cinder errors carry `httpCode`) to a client answer. */
function modelError(e: unknown): never {
  if (e instanceof ServerError) throw e;
  const err = e as { httpCode?: unknown; message?: unknown };
  if (typeof err.httpCode === "number" && err.httpCode >= 400 && err.httpCode < 500) {
    throw new ServerError("CBH_MODEL_REJECTED", err.httpCode, String(err.message));
  }
  if (e instanceof RangeError || e instanceof TypeError) throw badRequest(e.message);
  throw e;
}

/**
 * The simulator control API at `/sim/v1` (admin tokens only): fake-device data, faults, virtual
 * time and the trace. Not part of OpenStack; this is how tests and users set the scene.
 */
export function simApiRoutes(cloud: ServedCloud, time: TimeDriver): (req: RouteRequest) => Promise<RouteResponse> {
  return async (req) => {
    if (!req.auth) throw new ServerError("CBH_UNAUTHORIZED", 401, "The request you have made requires authentication.");
    if (!req.auth.roles.includes("admin")) throw forbidden("The simulator API requires an admin token.");
    const path = req.path.replace(/\/+$/, "");
    const vol = /^\/v1\/volumes\/([0-9a-fA-F-]{1,64})\/(data|sha256)$/.exec(path);
    try {
      if (vol) {
        const id = vol[1] as string;
        if (!cloud.db.volume(id) || cloud.db.volume(id)?.deleted) throw notFound(`Volume ${id} could not be found.`);
        if (vol[2] === "sha256") {
          if (req.method !== "GET") throw methodNotAllowed();
          return json(200, cloud.devices.sha256(id));
        }
        if (req.method !== "PUT") throw methodNotAllowed();
        const offsetText = req.query.get("offset") ?? "0";
        if (!/^\d{1,15}$/.test(offsetText)) throw badRequest("'offset' must be a non-negative integer.");
        cloud.devices.write(id, Number(offsetText), new Uint8Array(req.body.buffer, req.body.byteOffset, req.body.byteLength));
        return json(200, { volume_id: id, offset: Number(offsetText), written: req.body.byteLength, ...cloud.devices.sha256(id) });
      }
      if (path === "/v1/faults") {
        if (req.method !== "POST") throw methodNotAllowed();
        return json(202, await fault(cloud, parseJson(req)));
      }
      if (path === "/v1/time/advance") {
        if (req.method !== "POST") throw methodNotAllowed();
        const body = parseJson(req);
        onlyKeys(body, ["seconds"]);
        const s = body["seconds"];
        if (typeof s !== "number" || !Number.isFinite(s) || s < 0 || s > MAX_ADVANCE_SECONDS)
          throw badRequest(`'seconds' must be a number from 0 to ${MAX_ADVANCE_SECONDS}.`);
        await time.advance(Math.round(s * 1000));
        return json(200, { now: new Date(cloud.now()).toISOString() });
      }
      if (path === "/v1/trace") {
        if (req.method !== "GET") throw methodNotAllowed();
        return { status: 200, headers: { "Content-Type": "application/x-ndjson" }, body: cloud.trace.jsonl() };
      }
    } catch (e) {
      modelError(e);
    }
    throw notFound("The resource could not be found.");
  };
}

async function fault(cloud: ServedCloud, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const kind = body["kind"];
  switch (kind) {
    case "db-loss":
      onlyKeys(body, ["kind"]);
      cloud.faults.dbLoss();
      return { kind };
    case "service-stop":
    case "service-start": {
      onlyKeys(body, ["kind", "binary", "host"]);
      const binary = str(body, "binary");
      const host = str(body, "host");
      if (!cloud.db.services().some((s) => s.binary === binary && s.host === host))
        throw notFound(`Service ${binary} on host ${host} could not be found.`);
      if (kind === "service-stop") cloud.faults.stopService(binary, host);
      else await cloud.faults.startService(binary, host);
      return { kind, binary, host };
    }
    default:
      throw badRequest("'kind' must be one of: db-loss, service-stop, service-start.");
  }
}
