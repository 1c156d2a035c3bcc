/** The object-store API behind the proxy: shapes its error answers and what an object request is. */
export type StoreDialect = "swift" | "s3" | "gcs";

export interface FaultAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A server error or rate-limit answer in the store's own dialect (what its client parses). */
export function faultAnswer(dialect: StoreDialect, kind: "http-500" | "http-503" | "throttle"): FaultAnswer {
  const status = kind === "http-500" ? 500 : kind === "http-503" ? 503 : dialect === "s3" ? 503 : 429;
  if (dialect === "s3") {
    const code = kind === "http-500" ? "InternalError" : kind === "http-503" ? "ServiceUnavailable" : "SlowDown";
    const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>injected by the cbh fault proxy</Message></Error>`;
    return { status, headers: { "content-type": "application/xml" }, body };
  }
  if (dialect === "gcs") {
    const reason = kind === "throttle" ? "rateLimitExceeded" : "backendError";
    const body = JSON.stringify({ error: { code: status, message: "injected by the cbh fault proxy", errors: [{ reason }] } });
    return { status, headers: { "content-type": "application/json" }, body };
  }
  return { status, headers: { "content-type": "text/plain" }, body: `injected by the cbh fault proxy (${kind})` };
}

/**
 * Requests on one object (data, `_metadata`, `_sha256file`), the plan's domain: auth, discovery,
 * token and bucket/container calls pass untouched, since failing them tests set-up, not the data path.
 */
export function isObjectRequest(dialect: StoreDialect, method: string, path: string): boolean {
  const p = path.split("?")[0]!;
  const segs = p.split("/").filter(Boolean);
  if (dialect === "swift") {
    // `/v1/AUTH_acct/container/object` (Swift), `/swift/v1/container/object` (radosgw: account implicit)
    const v1 = segs.indexOf("v1");
    if (v1 < 0 || v1 > 1) return false;
    const rest = segs.slice(v1 + 1);
    return rest.length >= (rest[0]?.startsWith("AUTH_") ? 3 : 2);
  }
  if (dialect === "s3") return segs.length >= 2;
  // GCS JSON API: media upload (POST /upload/storage/v1/b/B/o), object GET/DELETE (/storage/v1/b/B/o/NAME)
  if (segs[0] === "upload") return method === "POST" && segs.length === 6 && segs[5] === "o";
  return segs[0] === "storage" && segs.length >= 6 && segs[4] === "o";
}
