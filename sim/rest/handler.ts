import type { Microversion, RequestContext } from "../api/request-context.ts";
import type { SimulatedCloud } from "../cloud/simulated-cloud.ts";
import { CinderError } from "../errors/cinder-errors.ts";
import { type BodyState, parseJson, peekAction, readBody } from "./body.ts";
import { HttpFault, badRequest, internalError, noRoute, notFound } from "./faults.ts";
import { type Schema, Validator } from "./json-schema.ts";
import { FORMATS } from "./formats.ts";
import { numberLiterals } from "./number-literals.ts";
import { Links } from "./links.ts";
import { API_VERSION_HEADER, negotiate, versionString } from "./microversion.ts";
import { QueryParams } from "./query-params.ts";
import type { Call, Handler, Reply, VersionedSchema } from "./route.ts";
import { matchRoute } from "./router.ts";
import { ROUTES } from "./routes.ts";
import { schemaFault } from "./schema-fault.ts";
import type { RestHandler, RestHandlerOptions, RestRequest, RestResponse } from "./types.ts";
import { versionsDocument } from "./versions.ts";

const validator = new Validator(FORMATS);

/** Thrown where cinder itself answers 500 (FaultWrapper over an unhandled exception). */
export interface CinderInternalErrorReport {
  request: RestRequest;
  reason: string;
  /** The status actually answered: 500, or 400 where a documented cinder crash is answered safely. */
  status: 400 | 500;
}

export interface HandlerHooks extends RestHandlerOptions {
  /** Called for every cinder 500 (answered as `status`: 500, or 400 in safe mode), with the quirk behind it. */
  onInternalError?: (report: CinderInternalErrorReport) => void;
}

/**
 * cinder-api's WSGI stack in-process: `request_id` → `faultwrap` → `sizelimit` → `authtoken` →
 * `routes` → `wsgi.Resource` (version negotiation, body, action peek, project check, schema,
 * controller) → `Fault` bodies and `OpenStack-API-Version` headers.
 */
export function createRestHandler(cloud: SimulatedCloud, opts: HandlerHooks = {}): RestHandler {
  const maxBody = opts.maxRequestBodySize ?? 114688;
  const maxLimit = opts.maxLimit ?? 1000;
  let seq = 0;
  const nextRequestId = (): string => `req-00000000-0000-4000-8000-${(++seq).toString(16).padStart(12, "0")}`;

  async function handle(req: RestRequest): Promise<RestResponse> {
    const headers = lowerKeys(req.headers);
    const state: { mv?: Microversion; requestId?: string } = {};
    try {
      const reply = await route(req, headers, state);
      return respond(reply.status, reply.body, { ...(reply.headers ?? {}) }, state);
    } catch (e) {
      const fault = toFault(e, req);
      return respond(fault.status, fault.body(), { ...fault.headers }, state);
    }
  }

  function toFault(e: unknown, req: RestRequest): HttpFault {
    if (e instanceof HttpFault) {
      if (e.status === 500) {
        // A documented cinder crash on bad input: 400 unless bug-for-bug 500s were asked for.
        const safe = !!e.reason && opts.cinderCrashes !== "faithful";
        opts.onInternalError?.({ request: req, reason: e.reason ?? e.message, status: safe ? 400 : 500 });
        if (safe) return badRequest(`Malformed request: ${e.reason} (cinder 21.3.1 answers 500 here)`);
      }
      return e;
    }
    if (e instanceof CinderError) return cinderFault(e);
    opts.onInternalError?.({ request: req, reason: `unexpected: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, status: 500 });
    return internalError("unexpected");
  }

  function respond(
    status: number,
    body: unknown,
    headers: Record<string, string>,
    state: { mv?: Microversion; requestId?: string },
  ): RestResponse {
    // oslo_middleware RequestId on every answer; wsgi.py:_set_request_id_header once a context exists.
    headers["x-openstack-request-id"] = state.requestId ?? nextRequestId();
    if (state.requestId !== undefined) headers["x-compute-request-id"] = state.requestId;
    // wsgi.py:Resource._process_stack / Fault.__call__: every negotiated answer names its version.
    if (state.mv) {
      headers[API_VERSION_HEADER] = `volume ${versionString(state.mv)}`;
      headers["Vary"] = API_VERSION_HEADER;
    }
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return { status, headers, body };
  }

  async function route(
    req: RestRequest,
    headers: Record<string, string>,
    state: { mv?: Microversion; requestId?: string },
  ): Promise<Reply> {
    const method = req.method.toUpperCase();
    const path = req.path.split("?")[0] ?? "";
    const versionHeader = headers["openstack-api-version"];
    if (path === "/" || path === "") {
      // api/versions.py:VersionsController.all (300), no auth, no size limit.
      // The route has no method condition; a body would be an unexpected argument (400).
      state.mv = negotiate(versionHeader, cloud.release);
      if (readBody(req.body, headers["content-type"]).present) throw badRequest();
      return { status: 300, body: versionsDocument(req.baseUrl, cloud.release) };
    }
    if (path === "/v3") return { status: 302, headers: { Location: `${trimSlash(req.baseUrl)}/v3/` } };
    if (!path.startsWith("/v3/")) throw noRoute();
    // oslo_middleware/sizelimit.py:RequestBodySizeLimiter
    if (req.body !== undefined && Buffer.byteLength(req.body, "utf8") > maxBody) {
      throw new HttpFault(413, `Request is too large. Larger than max_request_body_size (${maxBody}).`, {}, "webob");
    }
    if (req.auth === null) throw unauthorized();
    const rest = path.slice(4);
    const segs = rest === "" ? [] : rest.split("/");
    const match = matchRoute(ROUTES, method, segs, req.auth.projectId);
    if (!match) throw noRoute();
    const mv = negotiate(versionHeader, cloud.release);
    state.mv = mv;
    const body = readBody(req.body, headers["content-type"]);
    let target: { handler: Handler; min?: number; max?: number; schemas?: VersionedSchema[]; body?: boolean } | undefined = match.route
      .handler
      ? { ...match.route, handler: match.route.handler }
      : undefined;
    if (match.route.actions) {
      const name = peekAction(body);
      const action = match.route.actions[name];
      if (!action) throw badRequest(`There is no such action: ${name}. Verify the request body and Content-Type header and try again.`);
      target = { ...action, body: true };
    }
    if (!target) throw noRoute();
    const decoded = body.present ? parseJson(body.raw) : undefined;
    const numbers = body.present ? numberLiterals(body.raw) : new Map<string, string>();
    if (match.projectId !== undefined && match.projectId !== req.auth.projectId) throw badRequest("Malformed request url");
    const ctx = cloud.context({ userId: req.auth.userId, projectId: req.auth.projectId, roles: [...req.auth.roles] }, versionString(mv));
    state.requestId = ctx.requestId;
    if ((target.min !== undefined && mv.minor < target.min) || (target.max !== undefined && mv.minor > target.max)) throw notFound();
    // A method without a body parameter called with one: TypeError → ResourceExceptionHandler → 400.
    if (!target.body && body.present) throw badRequest();
    // A validated method called without a body: `kwargs['body']` KeyError reaches FaultWrapper (500).
    if (target.body && !body.present) throw internalError("KeyError: 'body' (validated method called without a body)");
    const call = makeCall(req, ctx, mv.minor, match.params, match.projectId ?? "", decoded, numbers);
    for (const s of target.schemas ?? []) {
      if ((s.min === undefined || mv.minor >= s.min) && (s.max === undefined || mv.minor <= s.max)) call.validate(s.schema);
    }
    return target.handler(call);
  }

  function makeCall(
    req: RestRequest,
    ctx: RequestContext,
    minor: number,
    params: Record<string, string>,
    projectInUrl: string,
    body: unknown,
    numbers: ReadonlyMap<string, string>,
  ): Call {
    const query = new QueryParams(req.query);
    return {
      cloud,
      ctx,
      minor,
      params,
      query,
      body,
      numbers,
      maxLimit,
      links: new Links(trimSlash(req.baseUrl), projectInUrl, query, maxLimit),
      validate(schema: Schema): void {
        const err = validator.firstError(body, schema, numbers);
        if (err) throw schemaFault(err);
      },
    };
  }

  return { handle };
}

/**
 * A domain exception the controller did not catch. `Invalid*`/`NotFound` keep their text
 * (`ResourceExceptionHandler` → ConvertedException); `QuotaError` subclasses are not handled
 * there and reach `FaultWrapper._error`, which, as they are `safe`, answers
 * "<ExceptionClass>: <message>" with their `Retry-After` header (spec §11:
 * "BackupLimitExceeded: Maximum number of backups allowed (5) exceeded").
 */
export function cinderFault(e: CinderError): HttpFault {
  if (e.httpCode === 413 && !e.kind.startsWith("HTTP")) return new HttpFault(413, `${e.kind}: ${e.message}`, e.headers);
  return new HttpFault(e.httpCode, e.message, e.headers);
}

function unauthorized(): HttpFault {
  // keystonemiddleware/auth_token: 401 with its own JSON error body.
  return new UnauthorizedFault();
}

class UnauthorizedFault extends HttpFault {
  constructor() {
    super(401, "The request you have made requires authentication.", { "WWW-Authenticate": 'Keystone uri=""' });
  }

  override body(): unknown {
    return { error: { code: 401, title: "Unauthorized", message: this.message } };
  }
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

const trimSlash = (s: string): string => s.replace(/\/+$/, "");

export type { BodyState };
