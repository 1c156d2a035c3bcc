import type { Checker } from "../../sim/check/index.ts";
import { expectationFor, type StatusExpectations } from "../format/index.ts";
import type { Finding } from "../runner/finding.ts";
import type { RunContext } from "../runner/run-context.ts";

/** Compares refs' statuses (and fail reasons) with the scenario's expectations → `unexpected-status`. */
export function statusChecker(expected: StatusExpectations, when: string): Checker<RunContext, Finding> {
  return {
    name: `statuses ${when}`,
    check(ctx) {
      const out: Finding[] = [];
      for (const [ref, e] of Object.entries(expected)) {
        const want = expectationFor(e, ctx.release);
        const got = ctx.statusOf(ref);
        const id = ctx.id(ref);
        const subject = id ? { subject: id } : {};
        if (want.status && !want.status.includes(got)) {
          out.push(
            ctx.finding(
              "unexpected-status",
              `${when}: ${ref} is ${got}, expected ${want.status.join(" or ")} (${ctx.release}, line ${e.where.line})`,
              { ref, ...subject, where: e.where },
            ),
          );
        }
        if (want.failReason !== null) {
          const reason = ctx.failReasonOf(ref);
          if (reason !== want.failReason)
            out.push(
              ctx.finding(
                "unexpected-status",
                `${when}: ${ref} fail_reason is ${JSON.stringify(reason)}, expected ${JSON.stringify(want.failReason)} (line ${e.where.line})`,
                { ref, ...subject, where: e.where },
              ),
            );
        }
      }
      return out;
    },
  };
}
