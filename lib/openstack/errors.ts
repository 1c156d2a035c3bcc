/** Why talking to a target cloud failed. Every message names the cloud (and the step, where the
 *  caller gives one); no stack trace reaches the user. */
export type CloudErrorCode =
  | "config" // no clouds.yaml entry / OS_* variables, or an invalid one
  | "unreachable" // connection refused, DNS, TLS
  | "timeout" // no answer within the request timeout
  | "auth" // Keystone refused the credentials
  | "catalog" // the catalog lacks the service type
  | "version" // the service lacks the API version / microversion asked for
  | "http"; // any other non-2xx answer (after retries)

export class CloudError extends Error {
  constructor(
    readonly code: CloudErrorCode,
    readonly cloud: string,
    message: string,
    readonly status?: number,
    readonly body?: unknown,
  ) {
    super(`cloud ${JSON.stringify(cloud)}: ${message}`);
    this.name = "CloudError";
  }
}
