import type { Checker } from "../../sim/check/index.ts";
import type { Finding } from "../runner/finding.ts";
import type { RunContext } from "../runner/run-context.ts";

/** Deleted backups must leave nothing in the store (bug 1746559: aborted backups left chunks) → `orphan-objects`. */
export const orphanChecker: Checker<RunContext, Finding> = {
  name: "orphans",
  check(ctx) {
    const out: Finding[] = [];
    const all = ctx.store.listAll();
    for (const b of ctx.cloud.db.backups()) {
      if (b.status !== "deleted" && !b.deleted) continue;
      const left = all.filter((o) => o.container.includes(b.id) || o.name.includes(b.id));
      if (!left.length) continue;
      const ref = [...ctx.refs].find(([, r]) => r.id === b.id)?.[0];
      out.push(
        ctx.finding(
          "orphan-objects",
          `${ref ?? b.id} is deleted but ${left.length} object(s) remain, e.g. ${left[0]!.container}/${left[0]!.name}`,
          { ...(ref ? { ref } : {}), subject: b.id },
        ),
      );
    }
    return out;
  },
};
