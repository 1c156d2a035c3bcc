import type { CinderIdentity } from "../../conformance/driver/driver-under-test.ts";

/** `epoxy (cinder 26.0.0)`, `cinder 27.0.0` (no known release), `""` (not a real cinder's driver). */
export function cinderIdentityText(c: CinderIdentity | undefined): string {
  if (!c) return "";
  return c.release ? `${c.release} (cinder ${c.version})` : `cinder ${c.version}`;
}
