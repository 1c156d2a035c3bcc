import { createHash, randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { ObjectNotFoundError, type ObjectStore } from "../contract/object-store.ts";

/** A store that can also hand out an object as a stream (the real stores do). */
export interface StreamingReads {
  getObjectStream(container: string, name: string): Promise<ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>>;
}

export interface ContractOptions {
  /** Size of the large-object case; cinder's default chunk is 50 MiB. */
  largeObjectBytes?: number;
}

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

/**
 * The behaviour every ObjectStore must show against a real service, in cinder's names:
 * `<prefix>-00001` chunks and `_metadata` / `_sha256file` objects under one backup prefix.
 * Call inside a `describe`; `store()` is read lazily (the backend starts in beforeAll).
 */
export function objectStoreContract(store: () => ObjectStore & Partial<StreamingReads>, options: ContractOptions = {}): void {
  const unique = () => `cbh-${randomBytes(4).toString("hex")}`;
  const prefix = "volume_7b1f0a6e-0000-4000-8000-000000000001/20261126063000/az_nova_backup_3c1e0b2a-0000-4000-8000-000000000002";

  it("put, get, list with prefix and delete round-trip cinder-named objects", async () => {
    const s = store();
    const container = unique();
    await s.ensureContainer(container);
    await s.ensureContainer(container); // idempotent, like put_container
    const chunk = randomBytes(64 * 1024 + 7);
    await s.putObject(container, `${prefix}-00001`, chunk);
    await s.putObject(container, `${prefix}-00002`, new Uint8Array(0));
    await s.putObject(container, `${prefix}_metadata`, Buffer.from('{"version": "1.0.0"}'));
    await s.putObject(container, "volume_other/20261126063000/az_nova_backup_x-00001", Buffer.from("other"));

    expect(Buffer.from(await s.getObject(container, `${prefix}-00001`)).equals(chunk)).toBe(true);
    expect((await s.getObject(container, `${prefix}-00002`)).byteLength).toBe(0);
    expect(await s.listObjects(container, prefix)).toEqual([`${prefix}-00001`, `${prefix}-00002`, `${prefix}_metadata`]);
    expect(await s.listObjects(container)).toHaveLength(4);
    expect(await s.listContainers()).toContain(container);

    await s.deleteObject(container, `${prefix}-00001`);
    await s.deleteObject(container, `${prefix}-00001`); // absent: tolerated
    expect(await s.listObjects(container, prefix)).toEqual([`${prefix}-00002`, `${prefix}_metadata`]);
  });

  it("where the store tells an object's size without reading it (stat, HEAD), the size is exact; a missing object is ObjectNotFoundError", async () => {
    const s = store() as ObjectStore & { objectSize?: (c: string, n: string) => Promise<number> };
    expect(typeof s.objectSize, `${s.kind} store has objectSize`).toBe("function");
    const container = unique();
    await s.ensureContainer(container);
    await s.putObject(container, `${prefix}-00001`, randomBytes(70_001));
    await s.putObject(container, `${prefix}-00002`, new Uint8Array(0));
    expect(await s.objectSize!(container, `${prefix}-00001`)).toBe(70_001);
    expect(await s.objectSize!(container, `${prefix}-00002`)).toBe(0);
    await expect(s.objectSize!(container, `${prefix}-00003`)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it("overwrites an object in place", async () => {
    const s = store();
    const container = unique();
    await s.ensureContainer(container);
    await s.putObject(container, "obj", Buffer.from("first"));
    await s.putObject(container, "obj", Buffer.from("second"));
    expect(Buffer.from(await s.getObject(container, "obj")).toString()).toBe("second");
    expect(await s.listObjects(container)).toEqual(["obj"]);
  });

  it("a missing object is ObjectNotFoundError; a missing or empty container lists nothing", async () => {
    const s = store();
    const container = unique();
    await expect(s.getObject(container, "nope")).rejects.toBeInstanceOf(ObjectNotFoundError);
    expect(await s.listObjects(container)).toEqual([]);
    await s.ensureContainer(container);
    expect(await s.listObjects(container)).toEqual([]);
    expect(await s.listObjects(container, "volume_")).toEqual([]);
    const err = await s.getObject(container, "nope").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "object-not-found", container, objectName: "nope" });
    await s.deleteObject(container, "nope");
  });

  it("keeps names with slashes, spaces and unicode exact", async () => {
    const s = store();
    const container = unique();
    await s.ensureContainer(container);
    const names = ["a/b/c", "with space+plus", "ünïcødé/名前", "q?x=1&y=%20"];
    for (const n of names) await s.putObject(container, n, Buffer.from(n));
    expect(await s.listObjects(container)).toEqual([...names].sort());
    for (const n of names) expect(Buffer.from(await s.getObject(container, n)).toString()).toBe(n);
    expect(await s.listObjects(container, "a/")).toEqual(["a/b/c"]);
  });

  it("stores and streams back a large object intact", async () => {
    const s = store();
    const container = unique();
    await s.ensureContainer(container);
    const size = options.largeObjectBytes ?? 50 * 1024 * 1024 + 1;
    const big = randomBytes(size);
    await s.putObject(container, `${prefix}-00001`, big);
    const back = await s.getObject(container, `${prefix}-00001`);
    expect(back.byteLength).toBe(size);
    expect(sha256(back)).toBe(sha256(big));
    if (s.getObjectStream) {
      const hash = createHash("sha256");
      let n = 0;
      for await (const part of (await s.getObjectStream(container, `${prefix}-00001`)) as AsyncIterable<Uint8Array>) {
        hash.update(part);
        n += part.byteLength;
      }
      expect(n).toBe(size);
      expect(hash.digest("hex")).toBe(sha256(big));
    }
    await s.deleteObject(container, `${prefix}-00001`);
    await expect(s.getObject(container, `${prefix}-00001`)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });
}
