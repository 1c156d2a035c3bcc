import { keystoneError } from "./keystone-errors.ts";
import type { RouteResponse } from "../http-types.ts";

/** A request body that fails keystone's JSON-schema validation (`keystone/common/validation`): 400. */
export class InvalidInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidInput";
  }
}

const COMPLY =
  "The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.";

export function invalidInputResponse(e: InvalidInput): RouteResponse {
  return keystoneError(400, `${e.message} ${COMPLY}`);
}

/** `{"<key>": {...}}` of a JSON body, or InvalidInput. */
export function resourceBody(body: Buffer, key: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new InvalidInput("Malformed request body.");
  }
  const inner = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>)[key] : undefined;
  if (typeof inner !== "object" || inner === null || Array.isArray(inner))
    throw new InvalidInput(`Expecting to find ${key} in request body.`);
  return inner as Record<string, unknown>;
}

/** A required (or optional) string of 1..max characters; keystone's `parameter_types.name`. */
export function nameField(o: Record<string, unknown>, field: string, max: number): string {
  const v = o[field];
  if (typeof v !== "string" || v.trim() === "" || v.length > max)
    throw new InvalidInput(`Invalid input for field '${field}': expected a non-blank string of at most ${max} characters.`);
  return v;
}

export function optionalString(o: Record<string, unknown>, field: string, max: number): string | undefined {
  const v = o[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string" || v.length > max)
    throw new InvalidInput(`Invalid input for field '${field}': expected a string of at most ${max} characters.`);
  return v;
}

export function optionalBoolean(o: Record<string, unknown>, field: string): boolean | undefined {
  const v = o[field];
  if (v === undefined) return undefined;
  if (typeof v !== "boolean") throw new InvalidInput(`Invalid input for field '${field}': expected a boolean.`);
  return v;
}
