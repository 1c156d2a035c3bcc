import { describe, expect, it } from "vitest";
import "./real-store-factories.ts";
import { GcsObjectStore } from "./gcs-object-store.ts";
import { S3ObjectStore } from "./s3-object-store.ts";
import { openStore, registeredSchemes } from "./store-url.ts";
import { SwiftKeystoneV3Auth, SwiftTempAuth } from "./swift-auth.ts";
import { SwiftObjectStore } from "./swift-object-store.ts";

const authOf = (store: unknown) => (store as { options: { auth: unknown } }).options.auth;
const noEnv = {} as NodeJS.ProcessEnv;

describe("store URLs of the real stores", () => {
  it("registers swift, s3 and gcs", () => {
    expect(registeredSchemes()).toEqual(expect.arrayContaining(["gcs", "s3", "swift"]));
  });

  it("opens a tempauth Swift store from user-info", async () => {
    const store = await openStore("swift+http://test%3Atester:testing@127.0.0.1:8080/auth/v1.0", {}, noEnv);
    expect(store).toBeInstanceOf(SwiftObjectStore);
    expect(authOf(store)).toEqual(new SwiftTempAuth("http://127.0.0.1:8080/auth/v1.0", "test:tester", "testing"));
  });

  it("opens a Keystone v3 Swift store when the path ends in /v3, credentials from the environment", async () => {
    const store = await openStore("swift+https://keystone.example:5000/v3?project=demo", {}, { CBH_STORE_USER: "demo", CBH_STORE_KEY: "pw" });
    const auth = authOf(store) as SwiftKeystoneV3Auth;
    expect(auth).toBeInstanceOf(SwiftKeystoneV3Auth);
    expect(auth.credentials).toMatchObject({ authUrl: "https://keystone.example:5000/v3", username: "demo", password: "pw", projectName: "demo" });
  });

  it("opens S3 and GCS stores", async () => {
    expect(await openStore("s3+http://AK:SK@127.0.0.1:7480", {}, noEnv)).toBeInstanceOf(S3ObjectStore);
    const gcs = await openStore("gcs+http://127.0.0.1:4443?project=p", { key: "token" }, noEnv);
    expect(gcs).toBeInstanceOf(GcsObjectStore);
    expect((gcs as unknown as { root: string }).root).toBe("http://127.0.0.1:4443");
  });

  it("says what is missing, without echoing secrets", async () => {
    await expect(openStore("swift+http://127.0.0.1:8080/auth/v1.0", {}, noEnv)).rejects.toThrow(/needs a user/);
    await expect(openStore("swift+http://u:k@127.0.0.1:5000/v3", {}, noEnv)).rejects.toThrow(/project/);
    await expect(openStore("s3+http://127.0.0.1:7480", { user: "AK" }, noEnv)).rejects.toThrow(/secret key/);
    await expect(openStore("gcs+http://127.0.0.1:4443", { key: "SECRET123" }, noEnv)).rejects.toThrow(/project/);
    const error = await openStore("gcs+http://127.0.0.1:4443?token=SECRET123", {}, noEnv).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "bad-store-url" });
    expect(String(error)).not.toContain("SECRET123");
  });
});
