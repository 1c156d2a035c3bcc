import { RELEASE_NAMES as RELEASES, type Release } from "../../sim/cloud/index.ts";
import { REF, REF_HINT, STATUSES } from "./refs.ts";
import type { StatusExpectation, StatusExpectations } from "./scenario.ts";
import type { Cursor } from "./yaml-cursor.ts";

/**
 * `{ b1: error, v1: [available, in-use], b2: { status: error, fail_reason: "…", zed: creating } }`:
 * ref → expected status (any of), optional fail_reason, per-release overrides.
 */
export function parseStatusExpectations(c: Cursor): StatusExpectations {
  const out: StatusExpectations = {};
  for (const k of c.keys()) {
    if (!REF.test(k)) c.get(k).fail(`'${k}' is not ${REF_HINT}`);
    out[k] = parseOne(c.get(k));
  }
  return out;
}

function statuses(c: Cursor): string[] {
  const list = c.strList({ max: 32 });
  const items = c.isSeq ? c.items() : [c];
  list.forEach((s, i) => {
    if (!(STATUSES as readonly string[]).includes(s)) items[i]!.fail(`unknown status '${s}'; expected one of: ${STATUSES.join(", ")}`);
  });
  return list;
}

function parseOne(c: Cursor): StatusExpectation {
  if (!c.isMap) return { where: c.where, status: statuses(c), failReason: null, byRelease: {} };
  c.only(["status", "fail_reason", ...RELEASES]);
  const e: StatusExpectation = {
    where: c.where,
    status: c.get("status").present ? statuses(c.get("status")) : null,
    failReason: c.get("fail_reason").optStr({ max: 500 }),
    byRelease: {},
  };
  for (const r of RELEASES) {
    const rc = c.get(r);
    if (!rc.present) continue;
    if (rc.isMap) {
      rc.only(["status", "fail_reason"]);
      e.byRelease[r] = {
        status: rc.get("status").present ? statuses(rc.get("status")) : null,
        failReason: rc.get("fail_reason").optStr({ max: 500 }),
      };
    } else {
      e.byRelease[r] = { status: statuses(rc), failReason: null };
    }
  }
  if (!e.status && Object.keys(e.byRelease).length === 0 && !e.failReason)
    c.fail("expect at least a status, a fail_reason or a per-release status");
  return e;
}

/** What applies to a release: the override's fields win where set. */
export function expectationFor(e: StatusExpectation, release: Release): { status: string[] | null; failReason: string | null } {
  const o = e.byRelease[release];
  return { status: o?.status ?? e.status, failReason: o?.failReason ?? e.failReason };
}
