/** Errors of the real (networked) stores, each with a stable `code`. */

/** The service answered with an unexpected HTTP status. */
export class StoreHttpError extends Error {
  readonly code = "store-http-error";
  constructor(
    readonly store: string,
    readonly operation: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${store} ${operation} failed: HTTP ${status}${body ? `: ${body.slice(0, 300)}` : ""}`);
    this.name = "StoreHttpError";
  }
}

/** An object is larger than the store's `maxObjectBytes`: refused before it is buffered. */
export class ObjectTooLargeError extends Error {
  readonly code = "object-too-large";
  constructor(
    readonly container: string,
    readonly objectName: string,
    readonly limit: number,
  ) {
    super(`object ${container}/${objectName} exceeds the ${limit}-byte read limit`);
    this.name = "ObjectTooLargeError";
  }
}

/** Credentials were rejected (Swift 401, GCS 401, S3 403 InvalidAccessKeyId/SignatureDoesNotMatch). */
export class StoreAuthError extends Error {
  readonly code = "store-auth-failed";
  constructor(
    readonly store: string,
    detail: string,
  ) {
    super(`${store} authentication failed: ${detail}`);
    this.name = "StoreAuthError";
  }
}

/** Written bytes did not arrive intact (ETag/MD5 mismatch). */
export class StoreIntegrityError extends Error {
  readonly code = "store-integrity";
  constructor(
    readonly container: string,
    readonly objectName: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`object ${container}/${objectName}: MD5 sent ${expected} but the store has ${actual}`);
    this.name = "StoreIntegrityError";
  }
}

/** A container or object name the store refuses to send (would be reinterpreted by the server). */
export class InvalidStoreNameError extends Error {
  readonly code = "invalid-store-name";
  constructor(
    readonly kind: "container" | "object" | "pool" | "image" | "snapshot",
    readonly value: string,
    reason: string,
  ) {
    super(`invalid ${kind} name ${JSON.stringify(value.slice(0, 200))}: ${reason}`);
    this.name = "InvalidStoreNameError";
  }
}
