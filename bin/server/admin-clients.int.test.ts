import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientEnv, runClient } from "./testing/client-runner.ts";
import { ADMIN, ClientSession, OPENSTACK } from "./testing/client-session.ts";

/**
 * Keystone's admin API and the Block Storage calls beyond backups, through Debian's
 * python3-openstackclient 6.0 and python3-cinderclient 9.1 against `cbh serve`.
 */
describe("identity admin and volume admin commands through the real clients", () => {
  let s: ClientSession;
  let lab = "";

  /** `openstack …` as a user created at run time. */
  const asAlice = async (args: string[]) => {
    const env = { ...clientEnv(s.url, { user: "demo" }), OS_USERNAME: "alice", OS_PASSWORD: "Alice-pw-1", OS_PROJECT_NAME: "lab" };
    const r = await runClient(OPENSTACK, [...args, "-f", "json"], env);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  };

  beforeAll(async () => {
    s = await ClientSession.start(["--seed", "5"]);
  });
  afterAll(async () => {
    expect(await s?.stop()).toBe(0);
  });

  it("`openstack project create`, `user create` and `role add` make an account that can log in and use the simulated cinder", async () => {
    const p = await s.osc<{ id: string; name: string; domain_id: string; enabled: boolean }>(
      ["project", "create", "--domain", "default", "--description", "a lab", "lab"],
      ADMIN,
    );
    expect(p).toMatchObject({ name: "lab", domain_id: "default", enabled: true });
    lab = p.id;
    const u = await s.osc<{ id: string; name: string; default_project_id: string }>(
      ["user", "create", "--domain", "default", "--password", "Alice-pw-1", "--project", "lab", "alice"],
      ADMIN,
    );
    expect(u).toMatchObject({ name: "alice", default_project_id: lab });
    const add = await s.openstack(["role", "add", "--project", "lab", "--user", "alice", "member"], ADMIN);
    expect(add.code, add.stderr).toBe(0);
    const assignments = await s.osc<Array<{ Role: string; User: string; Project: string }>>(
      ["role", "assignment", "list", "--user", u.id, "--project", lab],
      ADMIN,
    );
    expect(assignments.map((a) => [a.User, a.Project])).toEqual([[u.id, lab]]);
    const listed = await s.osc<Array<{ Name: string }>>(["project", "list"], ADMIN);
    expect(listed.map((x) => x.Name).sort()).toEqual(["admin", "demo", "lab"]);
    const vol = await asAlice(["volume", "create", "--size", "1", "alice-vol"]);
    expect((await asAlice(["volume", "show", String(vol["id"])]))["status"]).toBe("available");
    // A member may not manage projects.
    const denied = await s.openstack(["project", "create", "evil"]);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toMatch(/You are not authorized to perform the requested action: identity:create_project\. \(HTTP 403\)/);
  });

  it("`openstack volume set --size` extends a volume", async () => {
    const v = await s.osc<{ id: string }>(["volume", "create", "--size", "1", "grow-me"]);
    const r = await s.openstack(["volume", "set", "--size", "3", "grow-me"]);
    expect(r.code, r.stderr).toBe(0);
    expect(await s.osc<{ size: number; status: string }>(["volume", "show", v.id])).toMatchObject({ size: 3, status: "available" });
    const shrink = await s.openstack(["volume", "set", "--size", "2", "grow-me"]);
    expect(shrink.code).not.toBe(0);
  });

  it("`openstack volume service set --disable/--enable` toggles a service that `volume service list` shows", async () => {
    const services = await s.osc<Array<{ Binary: string; Host: string }>>(["volume", "service", "list"], ADMIN);
    const backup = services.find((x) => x.Binary === "cinder-backup");
    if (!backup) throw new Error("no cinder-backup service listed");
    const off = await s.openstack(
      ["volume", "service", "set", "--disable", "--disable-reason", "maintenance", backup.Host, "cinder-backup"],
      ADMIN,
    );
    expect(off.code, off.stderr).toBe(0);
    const listed = await s.osc<Array<{ Binary: string; Host: string; Status: string }>>(["volume", "service", "list", "--long"], ADMIN);
    expect(listed.find((x) => x.Binary === "cinder-backup" && x.Host === backup.Host)).toMatchObject({
      Status: "disabled",
      "Disabled Reason": "maintenance",
    });
    const on = await s.openstack(["volume", "service", "set", "--enable", backup.Host, "cinder-backup"], ADMIN);
    expect(on.code, on.stderr).toBe(0);
    expect(
      (await s.osc<Array<{ Binary: string; Host: string; Status: string }>>(["volume", "service", "list"], ADMIN)).find(
        (x) => x.Binary === "cinder-backup" && x.Host === backup.Host,
      )?.Status,
    ).toBe("enabled");
  });

  it("`cinder quota-delete` returns a project's limits to the defaults", async () => {
    const upd = await s.cinder(["quota-update", "--backups", "3", lab], ADMIN);
    expect(upd.code, upd.stderr).toBe(0);
    expect((await s.cinderList(["quota-show", lab], ADMIN)).find((r) => r["Property"] === "backups")?.["Value"]).toBe("3");
    const del = await s.cinder(["quota-delete", lab], ADMIN);
    expect(del.code, del.stderr).toBe(0);
    expect((await s.cinderList(["quota-show", lab], ADMIN)).find((r) => r["Property"] === "backups")?.["Value"]).toBe("10");
  });
});

/**
 * `cinder message-list`: a restore whose target volume an admin resets meanwhile fails with
 * Detail.VOLUME_INVALID_STATE. Virtual time barely runs (`--time-scale 0.000001`: 1 µs per wall
 * second, far below the 2 ms AMQP latency even on a loaded machine), so the restore is still queued when `cinder reset-state` lands; `POST /sim/v1/time/advance` then runs it.
 */
describe("user messages through the real clients", () => {
  let s: ClientSession;
  beforeAll(async () => {
    s = await ClientSession.start(["--seed", "6", "--time-scale", "0.000001"]);
  });
  afterAll(async () => {
    expect(await s?.stop()).toBe(0);
  });
  const advance = async (seconds: number) => expect((await s.sim("POST", "/time/advance", JSON.stringify({ seconds }))).status).toBe(200);

  it("`cinder message-list` and `message-show` report a failed restore; `message-delete` removes it", async () => {
    const src = await s.osc<{ id: string }>(["volume", "create", "--size", "1", "src"]);
    await advance(30);
    const b = await s.osc<{ id: string }>(["volume", "backup", "create", "--name", "b1", src.id]);
    await advance(120);
    const target = await s.osc<{ id: string }>(["volume", "create", "--size", "1", "target"]);
    await advance(30);
    const restore = await s.cinder(["backup-restore", "--volume", target.id, b.id]);
    expect(restore.code, restore.stderr).toBe(0);
    const reset = await s.cinder(["reset-state", "--state", "available", target.id], ADMIN);
    expect(reset.code, reset.stderr).toBe(0);
    await advance(120);
    const msgs = await s.cinderList(["--os-volume-api-version", "3.3", "message-list"]);
    expect(msgs).toHaveLength(1);
    const m = msgs[0] as Record<string, string>;
    expect(m).toMatchObject({
      "Resource Type": "VOLUME_BACKUP",
      "Resource UUID": target.id,
      "User Message": "restore backup:Volume status is invalid.",
    });
    const shown = await s.cinderShow(["--os-volume-api-version", "3.3", "message-show", m["ID"] as string]);
    expect(shown).toMatchObject({
      user_message: "restore backup:Volume status is invalid.",
      event_id: "VOLUME_VOLUME_BACKUP_015_027",
      message_level: "ERROR",
      resource_uuid: target.id,
    });
    const del = await s.cinder(["--os-volume-api-version", "3.3", "message-delete", m["ID"] as string]);
    expect(del.code, del.stderr).toBe(0);
    expect(await s.cinderList(["--os-volume-api-version", "3.3", "message-list"])).toEqual([]);
  });
});
