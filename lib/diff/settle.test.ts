import { describe, expect, it } from "vitest";
import type { Resources } from "../remote/index.ts";
import { awaitedStatus } from "./cast-wait.ts";
import { settle } from "./settle.ts";
import type { Step } from "./step.ts";

/** A cloud whose backup shows `statuses` one read after another (the last one for good). */
function cloud(statuses: string[]): { res: Resources; reads: () => number } {
  let n = 0;
  const res = {
    target: { member: {} },
    get: async () => ({ id: "b-1", status: statuses[Math.min(n++, statuses.length - 1)]!, fail_reason: null }),
  } as unknown as Resources;
  return { res, reads: () => n };
}
const refs = new Map([["bak1", { kind: "backups" as const, id: "b-1" }]]);
const reset = (status: string): Step => ({
  kind: "api",
  label: `reset-status backup ${status}`,
  as: "admin",
  method: "POST",
  path: "/backups/{ref:bak1}/action",
  body: { "os-reset_status": { status } },
});

describe("a backup's reset-status is a cast: settle waits for the status it asked for", () => {
  it("reads until the backup manager has set the status (the 202 came first)", async () => {
    const { res, reads } = cloud(["available", "available", "error"]);
    const want = awaitedStatus(reset("error"), 202)!;
    const got = await settle(res, refs, 1, 60_000, { ...want, graceMs: 60_000 });
    expect(got).toEqual({ bak1: { status: "error", fail_reason: null } });
    expect(reads()).toBe(3);
  });

  it("without the awaited status it takes the first non-transitional read (what raced in CI)", async () => {
    const { res } = cloud(["available", "error"]);
    expect((await settle(res, refs, 1, 60_000)).bak1?.status).toBe("available");
  });

  it("takes the old status once the grace is over (a manager that ignores the message)", async () => {
    const { res, reads } = cloud(["available"]);
    const got = await settle(res, refs, 1, 60_000, { ref: "bak1", status: "error", graceMs: 30 });
    expect(got.bak1?.status).toBe("available");
    expect(reads()).toBeGreaterThan(1);
  });

  it("waits only after an accepted backup reset: not a refused one, not a volume's, not other actions", () => {
    expect(awaitedStatus(reset("available"), 202)).toEqual({ ref: "bak1", status: "available" });
    expect(awaitedStatus(reset("error"), 400)).toBeUndefined();
    expect(awaitedStatus({ ...(reset("error") as object), path: "/volumes/{ref:vol0}/action" } as Step, 202)).toBeUndefined();
    expect(awaitedStatus({ ...(reset("error") as object), body: { "os-force_delete": {} } } as Step, 202)).toBeUndefined();
  });
});
