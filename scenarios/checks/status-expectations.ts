import { expectationFor, type StatusExpectations } from "../format/index.ts";
import type { RunContext } from "../runner/run-context.ts";

/** Compares refs' statuses (and fail reasons) with the scenario's expectations → `unexpected-status`. */
export function checkStatuses(ctx: RunContext, expected: StatusExpectations, when: string): void {
  for (const [ref, e] of Object.entries(expected)) {
    const want = expectationFor(e, ctx.release);
    const got = ctx.statusOf(ref);
    const id = ctx.id(ref);
    const subject = id ? { subject: id } : {};
    if (want.status && !want.status.includes(got)) {
      ctx.find("unexpected-status", `${when}: ${ref} is ${got}, expected ${want.status.join(" or ")} (${ctx.release}, line ${e.where.line})`, { ref, ...subject, where: e.where });
    }
    if (want.failReason !== null) {
      const reason = ctx.failReasonOf(ref);
      if (reason !== want.failReason) ctx.find("unexpected-status", `${when}: ${ref} fail_reason is ${JSON.stringify(reason)}, expected ${JSON.stringify(want.failReason)} (line ${e.where.line})`, { ref, ...subject, where: e.where });
    }
  }
}
