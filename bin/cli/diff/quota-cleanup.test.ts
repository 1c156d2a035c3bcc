import { describe, expect, it } from "vitest";
import { runSequence, type DiffTarget } from "../../../lib/diff/index.ts";
import type { Sequence } from "../../../lib/diff/step.ts";
import { simulatorFactory } from "./simulator-factory.ts";

const SEQ: Sequence = {
  seed: 1,
  release: "zed",
  steps: [
    {
      kind: "api",
      label: "set quota backups=2",
      as: "admin",
      method: "PUT",
      path: "/os-quota-sets/{project}",
      body: { quota_set: { backups: 2 } },
      project: "quota",
    },
  ],
};

/** The quota calls cleanup makes, by spying on the admin client of a fresh cbh serve target. */
async function cleanupQuotaCall(ownsProject: boolean): Promise<{ call: string | undefined; project: string; backups: unknown }> {
  const { target, close } = await simulatorFactory("zed").open(1);
  try {
    const admin = target.admin!;
    const calls: string[] = [];
    const call = admin.call.bind(admin);
    admin.call = (service, method, path, o) => {
      if (path.startsWith("/os-quota-sets/") && method !== "GET") calls.push(`${method} ${path}`);
      return call(service, method, path, o);
    };
    const t: DiffTarget = { ...target, ownsProject };
    const run = await runSequence(SEQ, t, "cbh-test");
    expect(run.leftovers).toEqual([]);
    const shown = await call("volume", "GET", `/os-quota-sets/${target.member.projectId}`);
    return {
      call: calls.at(-1),
      project: target.member.projectId ?? "",
      backups: (shown.body as { quota_set: Record<string, unknown> }).quota_set["backups"],
    };
  } finally {
    await close();
  }
}

describe("cbh diff cleanup of the quotas a sequence changed", () => {
  it("a project the harness owns goes back to the defaults (no limit row left to change the next sequence's answers)", async () => {
    const r = await cleanupQuotaCall(true);
    expect(r.call).toBe(`DELETE /os-quota-sets/${r.project}`);
    expect(r.backups).toBe(10);
  });

  it("a project it does not own gets its old values written back", async () => {
    const r = await cleanupQuotaCall(false);
    expect(r.call).toBe(`PUT /os-quota-sets/${r.project}`);
    expect(r.backups).toBe(10);
  });
});
