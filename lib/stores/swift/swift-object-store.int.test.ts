import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../url/open-store.ts";
import { SwiftContainer, type StartedSwiftContainer } from "../../backends/index.ts";
import { objectStoreContract } from "../testing/object-store-contract.ts";
import { SwiftKeystoneV3Auth, SwiftTempAuth } from "./swift-auth.ts";
import { SwiftObjectStore } from "./swift-object-store.ts";

describe("SwiftObjectStore against Swift all-in-one (tempauth v1)", () => {
  let swift: StartedSwiftContainer;
  let store: SwiftObjectStore;
  beforeAll(async () => {
    swift = await new SwiftContainer().start();
    store = new SwiftObjectStore({ auth: new SwiftTempAuth(swift.authUrl, swift.user, swift.key) });
  });
  afterAll(async () => {
    await swift?.stop();
  });

  objectStoreContract(() => store);

  it("lists across pages (marker paging)", async () => {
    const paged = new SwiftObjectStore({ auth: new SwiftTempAuth(swift.authUrl, swift.user, swift.key), pageSize: 2 });
    await paged.ensureContainer("paging");
    for (const n of ["p-1", "p-2", "p-3", "p-4", "p-5", "q-1"]) await paged.putObject("paging", n, Buffer.from(n));
    expect(await paged.listObjects("paging", "p-")).toEqual(["p-1", "p-2", "p-3", "p-4", "p-5"]);
  });

  it("refuses wrong credentials with StoreAuthError", async () => {
    const bad = new SwiftObjectStore({ auth: new SwiftTempAuth(swift.authUrl, swift.user, "wrong") });
    await expect(bad.listContainers()).rejects.toMatchObject({ code: "store-auth-failed" });
  });

  it("refuses an object above maxObjectBytes before buffering it", async () => {
    const small = new SwiftObjectStore({ auth: new SwiftTempAuth(swift.authUrl, swift.user, swift.key), maxObjectBytes: 1024 });
    await small.ensureContainer("limits");
    await small.putObject("limits", "big", new Uint8Array(4096));
    await expect(small.getObject("limits", "big")).rejects.toMatchObject({ code: "object-too-large" });
  });

  it("authenticates with Keystone v3 and uses the catalog's object-store endpoint", async () => {
    // The identity side is a minimal in-test Keystone v3 (the Swift image has tempauth only):
    // it checks the password request and answers with a real tempauth token plus a catalog.
    const real = await new SwiftTempAuth(swift.authUrl, swift.user, swift.key).authenticate();
    const seen: unknown[] = [];
    const keystone = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c));
      req.on("end", () => {
        seen.push({ method: req.method, url: req.url, body: JSON.parse(body) as unknown });
        res.writeHead(201, { "Content-Type": "application/json", "X-Subject-Token": real.token });
        res.end(
          JSON.stringify({
            token: {
              catalog: [
                { type: "identity", endpoints: [{ interface: "public", url: "http://127.0.0.1:1/v3" }] },
                {
                  type: "object-store",
                  endpoints: [
                    { interface: "internal", region_id: "RegionOne", url: "http://127.0.0.1:1/nowhere" },
                    { interface: "public", region_id: "RegionOne", url: real.storageUrl },
                  ],
                },
              ],
            },
          }),
        );
      });
    });
    await new Promise<void>((r) => keystone.listen(0, "127.0.0.1", () => r()));
    try {
      const { port } = keystone.address() as AddressInfo;
      const v3 = new SwiftObjectStore({
        auth: new SwiftKeystoneV3Auth({
          authUrl: `http://127.0.0.1:${port}/v3`,
          username: "cinder",
          password: "secret",
          projectName: "service",
        }),
      });
      await v3.ensureContainer("via-keystone");
      await v3.putObject("via-keystone", "o", Buffer.from("v3"));
      expect(Buffer.from(await v3.getObject("via-keystone", "o")).toString()).toBe("v3");
      expect(seen[0]).toMatchObject({
        method: "POST",
        url: "/v3/auth/tokens",
        body: {
          auth: {
            identity: { methods: ["password"], password: { user: { name: "cinder", password: "secret", domain: { name: "Default" } } } },
            scope: { project: { name: "service", domain: { name: "Default" } } },
          },
        },
      });
    } finally {
      keystone.close();
    }
  });

  it("opens through a store URL (swift+http://…/auth/v1.0)", async () => {
    const viaUrl = await openStore(`swift+${swift.authUrl}`, { user: swift.user, key: swift.key });
    await viaUrl.ensureContainer("via-url");
    await viaUrl.putObject("via-url", "o", Buffer.from("url"));
    expect(Buffer.from(await store.getObject("via-url", "o")).toString()).toBe("url");
  });
});
