import { describe, expect, it } from "vitest";
import { generateSequence, runSequence } from "../../../lib/diff/index.ts";
import type { CloudClient } from "../../../lib/openstack/index.ts";
import { simulatorFactory } from "./simulator-factory.ts";

/**
 * A backup manager that has not yet handled the reset_status cast when the 202 arrives: after an
 * accepted `os-reset_status` of a backup, its next `lag` reads show the status it had before (what
 * a loaded CI machine showed on the real Zed cloud, seed 203 step 6).
 */
function slowManager(client: CloudClient, lag: number): void {
  const call = client.call.bind(client);
  const stale = new Map<string, { status: unknown; reads: number }>();
  client.call = async (service, method, path, o) => {
    const reset = /^\/backups\/([^/]+)\/action$/.exec(path)?.[1];
    if (reset && method === "POST" && (o?.body as Record<string, unknown> | undefined)?.["os-reset_status"]) {
      const before = await call(service, "GET", `/backups/${reset}`);
      const res = await call(service, method, path, o);
      if (res.status === 202) stale.set(reset, { status: (before.body as { backup: { status: unknown } }).backup.status, reads: lag });
      return res;
    }
    const res = await call(service, method, path, o);
    const shown = /^\/backups\/([^/?]+)$/.exec(path)?.[1];
    const s = shown && method === "GET" ? stale.get(shown) : undefined;
    if (s && s.reads-- > 0) return { ...res, body: { backup: { ...(res.body as { backup: object }).backup, status: s.status } } };
    return res;
  };
}

describe("cbh diff after a backup's reset-status (a cast: the 202 comes before the status changes)", () => {
  it("settles on the status the manager sets, not the one the first read shows", async () => {
    const seq = generateSequence(203, { release: "zed", admin: true, data: true });
    const reset = seq.steps.findIndex((s) => s.label === "reset-status backup error");
    expect(reset).toBe(6);
    const { target, close } = await simulatorFactory("zed").open(1);
    try {
      slowManager(target.admin!, 3);
      const run = await runSequence(seq, { ...target, pollMs: 1 }, "cbh-test", [0, 2, reset]);
      const step = run.steps.find((s) => s.index === reset)!;
      expect(step.status).toBe(202);
      expect(step.state?.["bak1"]?.status).toBe("error");
      expect(run.leftovers).toEqual([]);
    } finally {
      await close();
    }
  });
});
