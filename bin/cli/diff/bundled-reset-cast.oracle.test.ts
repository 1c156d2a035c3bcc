import { afterAll, beforeAll, expect, it } from "vitest";
import type { StartedCinderCloud } from "../../../lib/backends/index.ts";
import { generateSequence, runSequence, type DiffTarget } from "../../../lib/diff/index.ts";
import { startBundledTarget } from "./testing/bundled-target.ts";

/**
 * The race a CI run of the oracle gate met (seed 203, step 6: `simulator error | target
 * available`), made certain on the real Zed cloud: cinder-backup is paused while the backup's
 * `os-reset_status` is answered and for 4 s after, so the 202 and the first reads precede
 * BackupManager.reset_status. The runner must settle on the status the manager sets
 * (lib/diff/cast-wait.ts). Run by `npm run test:integration` (scripts/ci/oracle-gate.list) and
 * `npm run test:oracle`.
 */
const PAUSE_MS = 4000;
let cloud: StartedCinderCloud;
let target: DiffTarget;

beforeAll(async () => {
  ({ cloud, target } = await startBundledTarget("zed", 300));
});
afterAll(async () => {
  await cloud?.stop();
});

it("a reset-status answered while cinder-backup is paused: the run settles on error, not the available the first read shows", async () => {
  const seq = generateSequence(203, { release: "zed", admin: true, data: true });
  const reset = seq.steps.findIndex((s) => s.label === "reset-status backup error");
  expect(reset).toBe(6);
  const admin = target.admin!;
  const call = admin.call.bind(admin);
  let backup: string | undefined;
  const seen: string[] = [];
  let resumed: Promise<void> | undefined;
  admin.call = async (service, method, path, o) => {
    if (method === "POST" && /^\/backups\/[^/]+\/action$/.test(path) && JSON.stringify(o?.body).includes("os-reset_status")) {
      backup = path.split("/")[2];
      await cloud.operator.pauseService("cinder-backup");
      const res = await call(service, method, path, o).catch(async (e: unknown) => {
        await cloud.operator.resumeService("cinder-backup");
        throw e;
      });
      resumed = new Promise((r) => setTimeout(r, PAUSE_MS)).then(() => cloud.operator.resumeService("cinder-backup"));
      return res;
    }
    const res = await call(service, method, path, o);
    if (backup && method === "GET" && path === `/backups/${backup}` && res.status === 200)
      seen.push(String((res.body as { backup: { status: unknown } }).backup.status));
    return res;
  };
  try {
    const run = await runSequence(seq, target, `cbh-cast-${Date.now().toString(36)}`, [0, 2, reset]);
    const step = run.steps.find((s) => s.index === reset);
    expect(run.aborted).toBeUndefined();
    expect(step?.status).toBe(202);
    expect(seen[0]).toBe("available");
    expect(step?.state?.["bak1"]?.status).toBe("error");
    expect(run.leftovers).toEqual([]);
  } finally {
    admin.call = call;
    await resumed;
  }
});
