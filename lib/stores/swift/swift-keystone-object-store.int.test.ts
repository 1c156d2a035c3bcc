import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SwiftKeystoneContainer, type StartedSwiftKeystoneContainer } from "../../backends/index.ts";
import { objectStoreContract } from "../testing/object-store-contract.ts";
import { SwiftKeystoneV3Auth } from "./swift-auth.ts";
import { SwiftObjectStore } from "./swift-object-store.ts";

describe("SwiftObjectStore against Swift behind a real Keystone v3 (authtoken + keystoneauth)", () => {
  let swift: StartedSwiftKeystoneContainer;
  let store: SwiftObjectStore;
  const authAs = (user: { username: string; password: string; projectName: string }) =>
    new SwiftKeystoneV3Auth({ authUrl: swift.keystoneUrl, ...user });

  beforeAll(async () => {
    swift = await new SwiftKeystoneContainer().start();
    store = new SwiftObjectStore({ auth: authAs(swift.users.demo) });
  });
  afterAll(async () => {
    await swift?.stop();
  });

  objectStoreContract(() => store);

  it("takes the storage URL of the token's project from the catalog", async () => {
    const session = await authAs(swift.users.demo).authenticate();
    expect(session.storageUrl).toMatch(new RegExp(`^${swift.proxyUrl}/v1/AUTH_[0-9a-f]{32}$`));
    const admin = await authAs(swift.users.admin).authenticate();
    expect(admin.storageUrl).not.toBe(session.storageUrl);
  });

  it("refuses a wrong password with StoreAuthError", async () => {
    const bad = new SwiftObjectStore({ auth: authAs({ ...swift.users.demo, password: "wrong" }) });
    await expect(bad.listContainers()).rejects.toMatchObject({ code: "store-auth-failed" });
  });

  it("keeps projects apart: a member's token cannot read another project's account", async () => {
    const admin = new SwiftObjectStore({ auth: authAs(swift.users.admin) });
    await admin.ensureContainer("admin-only");
    await admin.putObject("admin-only", "secret", Buffer.from("x"));
    const demo = await authAs(swift.users.demo).authenticate();
    const adminSession = await authAs(swift.users.admin).authenticate();
    const res = await fetch(`${adminSession.storageUrl}/admin-only/secret`, { headers: { "X-Auth-Token": demo.token } });
    expect(res.status).toBe(403);
  });
});
