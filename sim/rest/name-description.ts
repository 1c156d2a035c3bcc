import { internalError } from "./faults.ts";

/**
 * `wsgi.Controller.validate_name_and_description(body, check_length=False)`: strips string
 * name/description values in place. A null body (allowed by some schemas) makes `body.get`
 * raise AttributeError, which cinder answers with 500.
 */
export function stripNameAndDescription(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw internalError("AttributeError: 'NoneType' object has no attribute 'get'");
  const o = body as Record<string, unknown>;
  for (const k of ["name", "description", "display_name", "display_description"]) {
    const v = o[k];
    if (typeof v === "string") o[k] = v.trim();
  }
  return o;
}
