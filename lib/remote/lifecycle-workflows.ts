import type { RemoteWorkflow } from "./remote-workflow.ts";
import { seededBytes } from "./volume-data.ts";

/** sim/workflows deleteChain over REST (guide §3.5.1 step 3): delete rules of a chain. */
export const deleteChain: RemoteWorkflow = {
  id: "delete-chain",
  title: "Delete rules of an incremental chain",
  needs: ["data"],
  async run(w) {
    const vol = await w.data.volumeWith("vol", 1, seededBytes(w.seed, 4096));
    const before = { backups: (await w.quotaInUse("backups")) ?? 0, gigabytes: (await w.quotaInUse("backup_gigabytes")) ?? 0 };
    const full = await w.backup("full", vol);
    const incr = await w.backup("incr", vol, { incremental: true });
    await w.expectError(
      "delete of a parent with a child → 400",
      "DELETE",
      `/backups/${full}`,
      undefined,
      400,
      "Invalid backup: Incremental backups exist for this backup.",
    );
    await w.res.ok("delete incremental", "DELETE", `/backups/${incr}`);
    await w.res.waitFor("backups", incr, ["deleted", "error_deleting"]);
    w.expect("incremental is gone", (await w.res.get("backups", incr))?.status, undefined);
    w.expect("parent has no dependants", (await w.res.get("backups", full))?.has_dependent_backups, false);
    await w.res.ok("delete full", "DELETE", `/backups/${full}`);
    await w.res.waitFor("backups", full, ["deleted", "error_deleting"]);
    w.expect("full is gone", (await w.res.get("backups", full))?.status, undefined);
    w.expect("quota backups back", await w.quotaInUse("backups"), before.backups);
    w.expect("quota backup_gigabytes back", await w.quotaInUse("backup_gigabytes"), before.gigabytes);
  },
};

/** sim/workflows serviceList over REST (guide §4.1): a stopped backup service goes down. */
export const serviceList: RemoteWorkflow = {
  id: "service-list",
  title: "Service list, a stopped backup service and its return",
  needs: ["admin", "operator"],
  async run(w) {
    const admin = w.res.target.admin ?? w.fail("service-list needs an admin user");
    const op = w.res.target.operator ?? w.fail("service-list needs the operator facet");
    const list = async (q = "") =>
      (
        (await w.res.ok("service list", "GET", `/os-services${q}`, undefined, admin)).body as {
          services: { binary: string; state: string }[];
        }
      ).services;
    const all = await list();
    w.expect(
      "every service is up",
      all.every((s) => s.state === "up"),
      true,
    );
    w.expect("binaries", [...new Set(all.map((s) => s.binary))].sort(), ["cinder-backup", "cinder-scheduler", "cinder-volume"]);
    await w.expectError(
      "member cannot list services",
      "GET",
      "/os-services",
      undefined,
      403,
      "Policy doesn't allow volume_extension:services:index to be performed.",
    );
    await op.stopService("cinder-backup");
    try {
      // service_down_time (60 s) after the last heartbeat the service reads as down
      const deadline = Date.now() + 120_000;
      let state = "up";
      while (state !== "down" && Date.now() < deadline) {
        await w.elapse(2000);
        state = (await list("?binary=cinder-backup"))[0]?.state ?? "missing";
      }
      w.expect("stopped backup service is down after service_down_time", state, "down");
    } finally {
      await op.startService("cinder-backup");
    }
    const deadline = Date.now() + 60_000;
    let state = "down";
    while (state !== "up" && Date.now() < deadline) {
      await w.elapse(1000);
      state = (await list("?binary=cinder-backup"))[0]?.state ?? "missing";
    }
    w.expect("restarted service is up", state, "up");
  },
};
