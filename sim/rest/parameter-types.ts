import type { Schema } from "./json-schema.ts";

/** `api/validation/parameter_types.py`, key order kept (it decides which error is reported). */

/**
 * `valid_description_regex`: every printable BMP character (not category C; Z only as Zs).
 * `patternRepr` is the Python regex text cinder prints in the "does not match" message.
 */
let descriptionRegexText: string | undefined;
function pyEscape(c: string): string {
  return "()[]{}?*+-|^$\\.&~# \t\n\r\v\f".includes(c) ? "\\" + c : c;
}
function cinderPrintable(c: string): boolean {
  return !/\p{C}/u.test(c) && (!/\p{Z}/u.test(c) || /\p{Zs}/u.test(c));
}
/** `_build_regex_range()` over chr(0)..chr(0xFFFE). */
export function descriptionRegexRepr(): string {
  if (descriptionRegexText !== undefined) return descriptionRegexText;
  let regex = "";
  let inRange = false;
  let last = "";
  let lastAdded = "";
  for (let i = 0; i < 0xffff; i++) {
    const c = String.fromCharCode(i);
    if (cinderPrintable(c)) {
      if (!inRange) { regex += pyEscape(c); lastAdded = c; }
      inRange = true;
    } else {
      if (inRange && last !== lastAdded) regex += "-" + pyEscape(last);
      inRange = false;
    }
    last = c;
  }
  if (inRange) regex += "-" + pyEscape(last);
  descriptionRegexText = `^[${regex}]*$`;
  return descriptionRegexText;
}

export const description: Schema = {
  type: ["string", "null"], minLength: 0, maxLength: 255,
  pattern: "^[^\\p{C}\\p{Zl}\\p{Zp}\\u{10000}-\\u{10FFFF}]*$",
  get patternRepr(): string { return descriptionRegexRepr(); },
};

export const boolean: Schema = {
  type: ["boolean", "string"],
  enum: [true, "True", "TRUE", "true", "1", "ON", "On", "on", "YES", "Yes", "yes", "y", "t",
    false, "False", "FALSE", "false", "0", "OFF", "Off", "off", "NO", "No", "no", "n", "f"],
};
export const uuid: Schema = { type: "string", format: "uuid" };
export const extraSpecs: Schema = {
  type: "object",
  patternProperties: { "^[a-zA-Z0-9-_:. /]{1,255}$": { type: "string", maxLength: 255 } },
  additionalProperties: false,
};
export const nameAllowZeroMinLength: Schema = { type: ["string", "null"], minLength: 0, maxLength: 255 };
export const uuidAllowNull: Schema = { oneOf: [uuid, { type: "null" }] };
export const optionalUuid: Schema = { oneOf: [{ type: "null" }, { type: "string", format: "uuid" }] };
export const metadataAllowsNull: Schema = { ...extraSpecs, type: ["object", "null"] };
export const container: Schema = { type: ["string", "null"], minLength: 0, maxLength: 255 };
export const backupUrl: Schema = { type: "string", minLength: 1, format: "base64" };
export const backupService: Schema = { type: "string", minLength: 0, maxLength: 255 };
export const nullableString: Schema = { type: ["string", "null"], minLength: 0, maxLength: 255 };
/** `constants.DB_MAX_INT`. */
export const DB_MAX_INT = 0x7fffffff;
export const volumeSizeAllowsNull: Schema = { type: ["integer", "string", "null"], pattern: "^[0-9]+$", minimum: 1, maximum: DB_MAX_INT };
export const availabilityZone: Schema = { type: ["string", "null"], minLength: 1, maxLength: 255 };
export const optionalBoolean: Schema = { oneOf: [{ type: "null" }, boolean] };

/** `oslo_utils.strutils.bool_from_string(strict=True)` after the enum check passed. */
export function boolFromString(v: unknown): boolean {
  if (typeof v === "boolean") return v;
  return ["1", "t", "true", "on", "y", "yes"].includes(String(v).toLowerCase());
}
