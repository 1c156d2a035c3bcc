/**
 * Errors of the `cbh serve` HTTP layer, with stable `code`s. `status` is the HTTP answer; the
 * message is safe to show to a client (never a stack trace).
 */
export class ServerError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ServerError";
  }
}

export const unauthorized = (): ServerError =>
  new ServerError("CBH_UNAUTHORIZED", 401, "The request you have made requires authentication.");
export const forbidden = (message: string): ServerError => new ServerError("CBH_FORBIDDEN", 403, message);
export const notFound = (message: string): ServerError => new ServerError("CBH_NOT_FOUND", 404, message);
export const badRequest = (message: string): ServerError => new ServerError("CBH_BAD_REQUEST", 400, message);
export const methodNotAllowed = (message = "The method specified is not allowed for this resource."): ServerError =>
  new ServerError("CBH_METHOD_NOT_ALLOWED", 405, message);
export const bodyTooLarge = (limit: number): ServerError =>
  new ServerError("CBH_BODY_TOO_LARGE", 413, `Request is too large (limit ${limit} bytes).`);
