import { HttpFault } from "./faults.ts";
import type { SchemaError } from "./json-schema.ts";
import { pyStr } from "./py-repr.ts";

/**
 * `validators.py:_SchemaValidator.validate` → `exception.ValidationError` (400): the failing
 * field is the last element of the error path, the value printed with `str()`.
 */
export function schemaFault(err: SchemaError): HttpFault {
  if (err.cause?.kind === "raise") {
    return new HttpFault(err.cause.status ?? 400, err.cause.message);
  }
  if (err.cause?.kind === "InvalidName") return new HttpFault(400, err.cause.message);
  const last = err.path[err.path.length - 1];
  if (last !== undefined) {
    return new HttpFault(
      400,
      `Invalid input for field/attribute ${String(last)}. Value: ${pyStr(err.instance, { numbers: err.numbers ?? new Map(), path: err.path })}. ${err.message}`,
    );
  }
  return new HttpFault(400, err.message);
}
