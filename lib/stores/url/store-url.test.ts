import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MemoryObjectStore } from "../memory/memory-object-store.ts";
import { PosixObjectStore } from "../posix/posix-object-store.ts";
import { DockerExecCephCli } from "../rbd/ceph-cli.ts";
import { openStore, openStoreUrl } from "./open-store.ts";
import { parseStoreUrl, redactStoreUrl, storeCredentials } from "./store-url.ts";

describe("store URLs", () => {
  it("parses every scheme", () => {
    expect(parseStoreUrl("posix:/var/lib/cinder/backup")).toEqual({ scheme: "posix", target: "/var/lib/cinder/backup", params: {} });
    expect(parseStoreUrl("posix://rel/dir").target).toBe("rel/dir");
    expect(parseStoreUrl("memory:")).toMatchObject({ scheme: "memory", target: "default" });
    expect(parseStoreUrl("rbd:backups")).toMatchObject({ scheme: "rbd", target: "backups" });
    expect(parseStoreUrl("swift+http://test%3Atester:testing@127.0.0.1:8080/auth/v1.0")).toEqual({
      scheme: "swift",
      target: "http://127.0.0.1:8080/auth/v1.0",
      params: {},
      user: "test:tester",
      key: "testing",
    });
    expect(parseStoreUrl("s3+https://127.0.0.1:7480")).toMatchObject({ scheme: "s3", target: "https://127.0.0.1:7480/" });
    expect(parseStoreUrl("gcs+http://127.0.0.1:4443?project=p1")).toMatchObject({ scheme: "gcs", params: { project: "p1" } });
    for (const bad of ["posix:", "ftp://x", "rbd:", "rbd:a/b", "nonsense"])
      expect(() => parseStoreUrl(bad)).toThrow(expect.objectContaining({ code: "bad-store-url" }));
  });

  it("never shows credentials", () => {
    expect(redactStoreUrl("s3+http://AKID:SECRET@127.0.0.1:7480")).toBe("s3+http://***@127.0.0.1:7480");
    expect(redactStoreUrl("gcs+http://h?project=p&token=abc")).toBe("gcs+http://h?project=p&token=***");
    const e = (() => {
      try {
        parseStoreUrl("ftp://user:SECRET@h");
      } catch (x) {
        return x as Error;
      }
    })();
    expect(e?.message).not.toContain("SECRET");
  });

  it("opens posix and named memory stores", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cbh-url-"));
    expect(await openStore(`posix:${dir}`)).toBeInstanceOf(PosixObjectStore);
    const a = await openStore("memory:x");
    expect(a).toBeInstanceOf(MemoryObjectStore);
    expect(await openStore("memory:x")).toBe(a);
    expect(await openStore("memory:y")).not.toBe(a);
    rmSync(dir, { recursive: true, force: true });
  });

  it("credentials: flag > URL > environment", () => {
    const env = { CBH_STORE_USER: "env", CBH_STORE_KEY: "envkey" };
    expect(storeCredentials(parseStoreUrl("s3+http://u1:k1@h"), { user: "flag" }, env)).toEqual({ user: "flag", key: "k1" });
    expect(storeCredentials(parseStoreUrl("s3+http://h"), {}, env)).toEqual({ user: "env", key: "envkey" });
    expect(storeCredentials(parseStoreUrl("s3+http://h"), {}, {})).toEqual({ user: undefined, key: undefined });
  });

  it("opens each networked scheme with its client (no connection is made until used)", async () => {
    expect((await openStore("swift+http://u:k@127.0.0.1:1/auth/v1.0", {}, {})).kind).toBe("swift");
    expect((await openStore("s3+http://127.0.0.1:1", { user: "ak", key: "sk" }, {})).kind).toBe("s3");
    expect((await openStore("gcs+http://127.0.0.1:1?project=p", {}, { CBH_STORE_KEY: "token" })).kind).toBe("gcs");
  });

  it("networked stores demand credentials", async () => {
    await expect(openStore("swift+http://127.0.0.1:1/auth/v1.0", {}, {})).rejects.toThrow(
      /swift \(tempauth user and key\) needs credentials/,
    );
    await expect(openStore("s3+http://127.0.0.1:1", { user: "ak" }, {})).rejects.toThrow(
      /s3 \(access key and secret key\) needs credentials/,
    );
    await expect(openStore("gcs+http://127.0.0.1:1", { key: "t" }, {})).rejects.toThrow(/project/);
  });

  it("rbd:POOL opens as a Ceph pool (never as an object store), reached through the named cluster", async () => {
    const opened = await openStoreUrl("rbd:backups", { ceph: { container: "ceph-1" } }, {});
    expect(opened).toMatchObject({ kind: "rbd", pool: "backups" });
    expect(opened.kind === "rbd" && opened.cli).toBeInstanceOf(DockerExecCephCli);
    await expect(openStoreUrl("rbd:backups", {}, {})).rejects.toThrow(expect.objectContaining({ code: "ceph-access" }));
    await expect(openStore("rbd:backups", {}, {})).rejects.toThrow(
      expect.objectContaining({ code: "bad-store-url", message: expect.stringMatching(/Ceph pool/) }),
    );
    expect(await openStoreUrl("memory:z")).toMatchObject({ kind: "objects", store: await openStore("memory:z") });
  });
});
