import type { Microversion } from "../api/request-context.ts";

/** Parses `3.N` (the value of `OpenStack-API-Version: volume 3.N`). */
export function parseMicroversion(text: string): Microversion {
  const m = /^(\d+)\.(\d+)$/.exec(text.trim());
  if (!m) throw new RangeError(`bad microversion '${text}'`);
  return { major: Number(m[1]), minor: Number(m[2]) };
}
