import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, ClientSession, DEMO } from "./testing/client-session.ts";

/** Policy, tenancy and token expiry as the real clients see them (`cbh serve --token-ttl 20`). */
describe("security through the real OpenStack clients", () => {
  let s: ClientSession;
  let demoBackup = "";
  let adminBackup = "";

  beforeAll(async () => {
    s = await ClientSession.start(["--seed", "13", "--token-ttl", "20"]);
    for (const who of [DEMO, ADMIN]) {
      await s.osc(["volume", "create", "--size", "1", `${who.user}-vol`], who);
      const b = await s.osc<{ id: string }>(["volume", "backup", "create", "--name", `${who.user}-backup`, `${who.user}-vol`], who);
      if (who === DEMO) demoBackup = b.id;
      else adminBackup = b.id;
    }
  });
  afterAll(async () => {
    expect(await s?.stop()).toBe(0);
  });

  it("keeps a member off admin-only backup actions (403) and leaves the backup as it was", async () => {
    const cases = [
      await s.openstack(["volume", "backup", "set", "--state", "error", demoBackup]),
      await s.openstack(["volume", "backup", "delete", "--force", demoBackup]),
      await s.cinder(["backup-export", demoBackup]),
      await s.cinder(["backup-import", "cinder.backup.drivers.posix.PosixBackupDriver", "e30="]),
    ];
    for (const r of cases) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/Policy doesn't allow .* to be performed\. \(HTTP 403\)/);
    }
    expect(await s.osc(["volume", "backup", "show", demoBackup])).toMatchObject({ status: "available" });
  });

  it("hides another project's backup from a member (404, the client's name search finds nothing)", async () => {
    const r = await s.cinder(["backup-show", adminBackup]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`No volumebackup with a name or ID of '${adminBackup}' exists.`);
    const del = await s.openstack(["volume", "backup", "delete", adminBackup]);
    expect(del.code).toBe(1);
    expect(await s.osc(["volume", "backup", "show", adminBackup], ADMIN)).toMatchObject({ status: "available" });
  });

  it("refuses an expired token with 401, to the clients and on the wire", async () => {
    const t = await s.osc<{ id: string; project_id: string; expires: string }>(["token", "issue"]);
    const live = await s.openstackWithToken(t.id, t.project_id, ["volume", "backup", "list"]);
    expect(live.code, live.stderr).toBe(0);
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(t.expires) - Date.now()) + 1500));
    const expired = await s.openstackWithToken(t.id, t.project_id, ["volume", "backup", "list"]);
    expect(expired.code).toBe(1);
    expect(expired.stderr).toContain("(HTTP 401)");
    const wire = await fetch(`${s.url}/volume/v3/${t.project_id}/backups`, { headers: { "X-Auth-Token": t.id } });
    expect(wire.status).toBe(401);
    // A fresh password login still works.
    expect((await s.openstack(["volume", "backup", "list"])).code).toBe(0);
  });
});
