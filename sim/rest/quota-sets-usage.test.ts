import { beforeEach, describe, expect, it } from "vitest";
import { CloudBuilder, type SimulatedCloud } from "../cloud/index.ts";
import { createRestHandler } from "./handler.ts";
import type { RestAuth } from "./types.ts";
import { restClient } from "./testing/index.ts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** os-quota-sets over the simulated cloud as cinder 21.3.1 (Zed) answers it (api/contrib/quotas.py). */
describe("os-quota-sets usage and the limit-below-usage check", () => {
  let cloud: SimulatedCloud;
  let call: ReturnType<typeof restClient>;
  let demo: RestAuth;
  let admin: RestAuth;
  const quotaPath = () => `os-quota-sets/${demo.projectId}`;

  beforeEach(async () => {
    cloud = await new CloudBuilder().withSeed(7).build();
    call = restClient(createRestHandler(cloud));
    const auth = (u: "demo" | "admin"): RestAuth => ({
      userId: cloud.users[u].userId,
      projectId: cloud.users[u].projectId,
      roles: [...cloud.users[u].roles],
    });
    demo = auth("demo");
    admin = auth("admin");
    const v = await call("POST", "volumes", { auth: demo, body: { volume: { size: 2, name: "v" } } });
    await cloud.settle();
    const b = await call("POST", "backups", { auth: demo, body: { backup: { volume_id: (v.body as Json)["volume"].id } } });
    expect(b.status).toBe(202);
    await cloud.settle();
  });

  it("usage=true answers {limit, in_use, reserved} per resource, with no allocated key (DbQuotaDriver.get_project_quotas)", async () => {
    const r = await call("GET", quotaPath(), { auth: admin, query: { usage: "true" } });
    expect(r.status).toBe(200);
    const set = (r.body as Json)["quota_set"];
    expect(set["backups"]).toEqual({ limit: 10, in_use: 1, reserved: 0 });
    expect(set["backup_gigabytes"]).toEqual({ limit: 1000, in_use: 2, reserved: 0 });
    for (const [k, v] of Object.entries(set))
      if (k !== "id") expect(Object.keys(v as object).sort(), k).toEqual(["in_use", "limit", "reserved"]);
  });

  it("a limit below usage is accepted while the resource is at its default, refused once the project has its own limit", async () => {
    // quotas.py:update validates against get_project_quotas(defaults=False): only the project's rows.
    const first = await call("PUT", quotaPath(), { auth: admin, body: { quota_set: { backup_gigabytes: 1 } } });
    expect(first.status).toBe(200);
    expect((first.body as Json)["quota_set"]["backup_gigabytes"]).toBe(1);
    const again = await call("PUT", quotaPath(), { auth: admin, body: { quota_set: { backup_gigabytes: 1 } } });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({
      badRequest: {
        code: 400,
        message:
          "Quota backup_gigabytes limit must be equal or greater than existing resources. Current usage is 2 and the requested limit is 1.",
      },
    });
    expect((await call("PUT", quotaPath(), { auth: admin, body: { quota_set: { backup_gigabytes: 2, backups: 1 } } })).status).toBe(200);
  });
});
