import { createSign } from "node:crypto";
import { StoreAuthError, StoreHttpError } from "../contract/store-errors.ts";

/** Supplies OAuth2 bearer tokens for the GCS JSON API. */
export interface GcsTokenSource {
  token(): Promise<string>;
  /** Drops a cached token (after a 401). */
  invalidate(): void;
}

/** A fixed bearer token (an emulator's static token, or `gcloud auth print-access-token`). */
export class StaticGcsToken implements GcsTokenSource {
  constructor(private readonly value: string) {}
  async token(): Promise<string> {
    return this.value;
  }
  invalidate(): void {}
}

/** The fields of a service-account JSON key file that the grant uses. */
export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  token_uri: string;
}

export const GCS_SCOPE = "https://www.googleapis.com/auth/devstorage.full_control";

/**
 * The OAuth2 JWT-bearer grant of a service account, as google-auth does for cinder's GCS driver
 * (backup/drivers/gcs.py: `service_account.Credentials.from_service_account_file`): an RS256
 * JWT signed with the key, posted to `token_uri`; the token is cached until shortly before expiry.
 */
export class ServiceAccountTokenSource implements GcsTokenSource {
  private cached?: { value: string; expiresAt: number };

  constructor(
    private readonly key: ServiceAccountKey,
    private readonly scope = GCS_SCOPE,
  ) {}

  async token(): Promise<string> {
    if (this.cached && Date.now() < this.cached.expiresAt) return this.cached.value;
    const now = Math.floor(Date.now() / 1000);
    const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const unsigned = `${b64({ alg: "RS256", typ: "JWT" })}.${b64({
      iss: this.key.client_email,
      scope: this.scope,
      aud: this.key.token_uri,
      iat: now,
      exp: now + 3600,
    })}`;
    const signature = createSign("RSA-SHA256").update(unsigned).sign(this.key.private_key).toString("base64url");
    const res = await fetch(this.key.token_uri, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: `${unsigned}.${signature}` }),
    });
    const text = await res.text();
    if (res.status === 400 || res.status === 401) throw new StoreAuthError("gcs", `token grant refused: ${text.slice(0, 200)}`);
    if (!res.ok) throw new StoreHttpError("gcs", "token grant", res.status, text);
    const body = JSON.parse(text) as { access_token?: string; expires_in?: number };
    if (!body.access_token) throw new StoreAuthError("gcs", "token answer lacks access_token");
    this.cached = { value: body.access_token, expiresAt: Date.now() + Math.max(0, (body.expires_in ?? 3600) - 60) * 1000 };
    return body.access_token;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
