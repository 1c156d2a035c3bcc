import { VALID_DESCRIPTION_REGEX } from "./description-regex.ts";
import type { Schema } from "./json-schema.ts";

/** `api/validation/parameter_types.py`, key order kept (it decides which error is reported). */

export const description: Schema = {
  type: ["string", "null"],
  minLength: 0,
  maxLength: 255,
  pattern: VALID_DESCRIPTION_REGEX,
};

export const boolean: Schema = {
  type: ["boolean", "string"],
  enum: [
    true,
    "True",
    "TRUE",
    "true",
    "1",
    "ON",
    "On",
    "on",
    "YES",
    "Yes",
    "yes",
    "y",
    "t",
    false,
    "False",
    "FALSE",
    "false",
    "0",
    "OFF",
    "Off",
    "off",
    "NO",
    "No",
    "no",
    "n",
    "f",
  ],
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
