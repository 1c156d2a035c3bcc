/**
 * Typed failure of the chunked on-storage format layer. `code` is stable: tests, `cbh store verify`
 * and the driver key on it. Parsers never throw anything else.
 */
export type FormatErrorCode =
  | "bad-json"
  | "bad-metadata"
  | "bad-sha256file"
  | "unsupported-version"
  | "too-large"
  | "object-list-mismatch"
  | "bad-object"
  | "bad-compression"
  | "bad-name"
  | "parent-sha-short"
  | "bad-options";

export class FormatError extends Error {
  constructor(
    readonly code: FormatErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "FormatError";
  }
}
