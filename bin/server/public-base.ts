const HOST_HEADER = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/;

/**
 * The URL clients should use to reach the server (catalog endpoints, links, version documents).
 * Bound to one address, that address; bound to every address (`0.0.0.0`, `::`), the well-formed
 * `Host` the client used, so the catalog points where the client actually reached us.
 */
export function publicBaseUrl(bindHost: string, fallback: string, hostHeader: string | undefined): string {
  const wildcard = bindHost === "0.0.0.0" || bindHost === "::";
  return wildcard && hostHeader && HOST_HEADER.test(hostHeader) ? `http://${hostHeader}` : fallback;
}
