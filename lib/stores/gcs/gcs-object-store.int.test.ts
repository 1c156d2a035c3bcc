import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../url/open-store.ts";
import { GcsContainer, type StartedGcsContainer } from "../../backends/index.ts";
import { GcsObjectStore } from "./gcs-object-store.ts";
import { ServiceAccountTokenSource, StaticGcsToken } from "./gcs-token-source.ts";
import { objectStoreContract } from "../testing/object-store-contract.ts";

describe("GcsObjectStore against the GCS JSON API fake", () => {
  let gcs: StartedGcsContainer;
  let store: GcsObjectStore;
  beforeAll(async () => {
    gcs = await new GcsContainer().start();
    store = new GcsObjectStore({ endpoint: gcs.endpoint, projectId: "cbh-project", tokens: new StaticGcsToken(gcs.token) });
  });
  afterAll(async () => {
    await gcs?.stop();
  });

  objectStoreContract(() => store);

  it("follows nextPageToken past a 1000-item page", async () => {
    await store.ensureContainer("paging-bucket");
    const paged = new GcsObjectStore({
      endpoint: gcs.endpoint,
      projectId: "cbh-project",
      tokens: new StaticGcsToken(gcs.token),
      pageSize: 3,
    });
    const names = Array.from({ length: 8 }, (_, i) => `vol/chunk-${String(i).padStart(5, "0")}`);
    for (const n of names) await paged.putObject("paging-bucket", n, Buffer.from(n));
    await paged.putObject("paging-bucket", "other", Buffer.from("x"));
    expect(await paged.listObjects("paging-bucket", "vol/")).toEqual(names);
  });

  it("gets tokens with a service-account JWT grant, like cinder's driver", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const tokens = new ServiceAccountTokenSource({
      client_email: "cinder-backup@cbh-project.iam.gserviceaccount.com",
      private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      token_uri: gcs.tokenUri,
    });
    const sa = new GcsObjectStore({ endpoint: gcs.endpoint, projectId: "cbh-project", tokens });
    const issued = await tokens.token();
    expect(issued).not.toBe(gcs.token);
    await sa.ensureContainer("sa-bucket");
    await sa.putObject("sa-bucket", "o", Buffer.from("via service account"));
    expect(Buffer.from(await sa.getObject("sa-bucket", "o")).toString()).toBe("via service account");
  });

  it("refuses a wrong token with StoreAuthError and serves the discovery document", async () => {
    const bad = new GcsObjectStore({ endpoint: gcs.endpoint, projectId: "p", tokens: new StaticGcsToken("wrong") });
    await expect(bad.listContainers()).rejects.toMatchObject({ code: "store-auth-failed" });
    const doc = (await (await fetch(gcs.discoveryUrl)).json()) as { rootUrl: string; resources: { objects: { methods: object } } };
    expect(doc.rootUrl).toBe(`${gcs.endpoint}/`);
    expect(Object.keys(doc.resources.objects.methods).sort()).toEqual(["delete", "get", "insert", "list"]);
  });

  it("creates buckets with cinder's defaults (US, NEARLINE)", async () => {
    await store.ensureContainer("defaults-bucket");
    const res = await fetch(`${gcs.endpoint}/storage/v1/b/defaults-bucket`, { headers: { Authorization: `Bearer ${gcs.token}` } });
    expect(await res.json()).toMatchObject({ name: "defaults-bucket", location: "US", storageClass: "NEARLINE" });
  });

  it("opens through a store URL (gcs+http://…?project=)", async () => {
    const viaUrl = await openStore(`gcs+${gcs.endpoint}?project=cbh-project`, { key: gcs.token });
    await viaUrl.ensureContainer("via-url");
    await viaUrl.putObject("via-url", "o", Buffer.from("url"));
    expect(Buffer.from(await store.getObject("via-url", "o")).toString()).toBe("url");
  });
});
