import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MemoryObjectStore } from "../memory/memory-object-store.ts";
import { registerNetworkStores } from "./open-store.ts";
import { PosixObjectStore } from "../posix/posix-object-store.ts";
import { openStore, parseStoreUrl, redactStoreUrl, registerStoreFactory } from "./store-url.ts";

describe("store URLs", () => {
  it("parses every scheme", () => {
    expect(parseStoreUrl("posix:/var/lib/cinder/backup")).toEqual({ scheme: "posix", target: "/var/lib/cinder/backup", params: {} });
    expect(parseStoreUrl("posix://rel/dir").target).toBe("rel/dir");
    expect(parseStoreUrl("memory:")).toMatchObject({ scheme: "memory", target: "default" });
    expect(parseStoreUrl("rbd:backups")).toMatchObject({ scheme: "rbd", target: "backups" });
    expect(parseStoreUrl("swift+http://test%3Atester:testing@127.0.0.1:8080/auth/v1.0")).toEqual({
      scheme: "swift", target: "http://127.0.0.1:8080/auth/v1.0", params: {}, user: "test:tester", key: "testing" });
    expect(parseStoreUrl("s3+https://127.0.0.1:7480")).toMatchObject({ scheme: "s3", target: "https://127.0.0.1:7480/" });
    expect(parseStoreUrl("gcs+http://127.0.0.1:4443?project=p1")).toMatchObject({ scheme: "gcs", params: { project: "p1" } });
    for (const bad of ["posix:", "ftp://x", "rbd:", "rbd:a/b", "nonsense"]) expect(() => parseStoreUrl(bad)).toThrow(expect.objectContaining({ code: "bad-store-url" }));
  });

  it("never shows credentials", () => {
    expect(redactStoreUrl("s3+http://AKID:SECRET@127.0.0.1:7480")).toBe("s3+http://***@127.0.0.1:7480");
    expect(redactStoreUrl("gcs+http://h?project=p&token=abc")).toBe("gcs+http://h?project=p&token=***");
    const e = (() => { try { parseStoreUrl("ftp://user:SECRET@h"); } catch (x) { return x as Error; } })();
    expect(e?.message).not.toContain("SECRET");
  });

  it("opens posix and named memory stores; credentials: flag > URL > environment", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cbh-url-"));
    expect(await openStore(`posix:${dir}`)).toBeInstanceOf(PosixObjectStore);
    const a = await openStore("memory:x");
    expect(a).toBeInstanceOf(MemoryObjectStore);
    expect(await openStore("memory:x")).toBe(a);
    const seen: unknown[] = [];
    registerStoreFactory("test", (_url, creds) => { seen.push(creds); return new MemoryObjectStore(); });
    registerStoreFactory("s3", (url, creds) => { seen.push({ ...creds, target: url.target }); return new MemoryObjectStore(); });
    await openStore("s3+http://u1:k1@h", { user: "flag" }, { CBH_STORE_USER: "env", CBH_STORE_KEY: "envkey" });
    await openStore("s3+http://h", {}, { CBH_STORE_USER: "env", CBH_STORE_KEY: "envkey" });
    expect(seen).toEqual([{ user: "flag", key: "k1", target: "http://h/" }, { user: "env", key: "envkey", target: "http://h/" }]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("network factories demand credentials and refuse rbd with a pointer", async () => {
    registerNetworkStores();
    await expect(openStore("swift+http://127.0.0.1:1/auth/v1.0", {}, {})).rejects.toThrow(/swift \(tempauth user and key\) needs credentials/);
    await expect(openStore("gcs+http://127.0.0.1:1", { key: "t" }, {})).rejects.toThrow(/project/);
    await expect(openStore("rbd:backups", {}, {})).rejects.toThrow(/cbh conformance --backend ceph/);
  });
});
