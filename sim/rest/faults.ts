/**
 * cinder's error bodies. A `Fault` (`api/openstack/wsgi.py:Fault`) answers
 * `{"<faultName>": {"code": N, "message": "..."}}` (413 adds `retryAfter` when the exception set
 * `Retry-After`); answers made by webob itself outside a Fault (no route, request too large) use
 * webob's JSON formatter `{"message", "code": "404 Not Found", "title"}`.
 */
export const FAULT_NAMES: Readonly<Record<number, string>> = {
  400: "badRequest",
  401: "unauthorized",
  403: "forbidden",
  404: "itemNotFound",
  405: "badMethod",
  409: "conflictingRequest",
  413: "overLimit",
  415: "badMediaType",
  501: "notImplemented",
  503: "serviceUnavailable",
};

/** webob's default explanations (`webob/exc.py`, Debian 12's python3-webob, single lines, as the
 *  bundled Zed cloud answers them: found by `cbh diff`), used when cinder raises a bare `HTTP*()`. */
export const WEBOB_EXPLANATION = {
  400: "The server could not comply with the request since it is either malformed or otherwise incorrect.",
  403: "Access was denied to this resource.",
  404: "The resource could not be found.",
  413: "The body of your request was too large for this server.",
  500: "The server has either erred or is incapable of performing the requested operation.",
} as const;

const WEBOB_TITLES: Readonly<Record<number, string>> = {
  404: "Not Found",
  413: "Request Entity Too Large",
};

/** A cinder `Fault` (the HTTP answer is built by the handler, which adds version headers). */
export class HttpFault extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    /** `webob`: an answer produced by webob outside cinder's Fault wrapper. */
    readonly style: "fault" | "webob" = "fault",
    /** For 500s: the documented cinder failure behind it. */
    readonly reason?: string,
  ) {
    super(message);
    this.name = "HttpFault";
  }

  body(): unknown {
    if (this.style === "webob") {
      // webob/exc.py:WSGIHTTPException.json_body with body_template_obj "${explanation}<br /><br />\n${detail}\n${html_comment}\n"
      return {
        message: `${this.message}<br /><br />\n\n\n`,
        code: `${this.status} ${WEBOB_TITLES[this.status] ?? ""}`.trim(),
        title: WEBOB_TITLES[this.status] ?? "",
      };
    }
    const name = FAULT_NAMES[this.status] ?? "computeFault";
    const inner: Record<string, unknown> = { code: this.status, message: this.message };
    const retry = this.headers["Retry-After"];
    if (this.status === 413 && retry !== undefined) inner["retryAfter"] = retry;
    return { [name]: inner };
  }
}

export const badRequest = (message: string = WEBOB_EXPLANATION[400]): HttpFault => new HttpFault(400, message);
export const notFound = (message: string = WEBOB_EXPLANATION[404]): HttpFault => new HttpFault(404, message);
export const forbidden = (message: string): HttpFault => new HttpFault(403, message);
/** `routes` found no match: webob's bare HTTPNotFound (`cinder/wsgi/common.py:Router._dispatch`). */
export const noRoute = (): HttpFault => new HttpFault(404, WEBOB_EXPLANATION[404], {}, "webob");
/**
 * An exception cinder does not handle reaches `api/middleware/fault.py:FaultWrapper`, which
 * answers 500 with webob's default text. Only raised where cinder itself fails this way.
 */
export const internalError = (reason: string): HttpFault => new HttpFault(500, WEBOB_EXPLANATION[500], {}, "fault", reason);
/** `exception.PolicyNotAuthorized` → `ResourceExceptionHandler` → 403. */
