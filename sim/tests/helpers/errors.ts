import { expect } from "vitest";
import { CinderError } from "../../errors/cinder-errors.ts";

/** Awaits `p`, expects a CinderError with this HTTP code (and message / kind when given), returns it. */
export async function expectCinderError(
  p: Promise<unknown>,
  httpCode: number,
  message?: string | RegExp,
  kind?: string,
): Promise<CinderError> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  expect(caught, "expected the operation to fail").toBeInstanceOf(CinderError);
  const err = caught as CinderError;
  expect(err.httpCode, err.message).toBe(httpCode);
  if (typeof message === "string") expect(err.message).toBe(message);
  else if (message) expect(err.message).toMatch(message);
  if (kind) expect(err.kind).toBe(kind);
  return err;
}
