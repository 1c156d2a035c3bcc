import { describe, expect, it } from "vitest";
import { contentLength, readBounded } from "./bounded-body.ts";
import { checkContainerName, encodeObjectPath } from "./url-path.ts";

async function* chunks(...parts: number[]): AsyncIterable<Uint8Array> {
  for (const n of parts) yield new Uint8Array(n).fill(n % 251);
}
const where = { container: "c", objectName: "o" };

describe("readBounded", () => {
  it("reads a declared or undeclared length exactly", async () => {
    expect((await readBounded(chunks(3, 4), 7, 100, where)).byteLength).toBe(7);
    expect(Array.from(await readBounded(chunks(2, 1), undefined, 100, where))).toEqual([2, 2, 1]);
    expect((await readBounded(null, undefined, 100, where)).byteLength).toBe(0);
  });

  it("refuses a declared length over the limit before reading", async () => {
    let pulled = false;
    const body = (async function* () {
      pulled = true;
      yield new Uint8Array(1);
    })();
    await expect(readBounded(body, 101, 100, where)).rejects.toMatchObject({ code: "object-too-large", limit: 100 });
    expect(pulled).toBe(false);
  });

  it("stops an undeclared or lying body at the limit", async () => {
    await expect(readBounded(chunks(60, 60), undefined, 100, where)).rejects.toMatchObject({ code: "object-too-large" });
    await expect(readBounded(chunks(10, 10), 15, 100, where)).rejects.toMatchObject({ code: "object-too-large" });
  });

  it("parses Content-Length strictly", () => {
    expect(contentLength(new Headers({ "content-length": "42" }))).toBe(42);
    expect(contentLength(new Headers({ "content-length": "-1" }))).toBeUndefined();
    expect(contentLength(new Headers())).toBeUndefined();
  });
});

describe("URL path names", () => {
  it("encodes each segment and keeps slashes", () => {
    expect(encodeObjectPath("volume_x/2026/az_nova_backup_y-00001")).toBe("volume_x/2026/az_nova_backup_y-00001");
    expect(encodeObjectPath("a b/?#%/ü")).toBe("a%20b/%3F%23%25/%C3%BC");
  });

  it("refuses names servers would reinterpret", () => {
    for (const bad of ["", "a/../b", "./x", "a\nb", "a\0", "x".repeat(1025)]) {
      expect(() => encodeObjectPath(bad)).toThrow(expect.objectContaining({ code: "invalid-store-name" }));
    }
    for (const bad of ["", "a/b", "..", "x".repeat(257)]) {
      expect(() => checkContainerName(bad)).toThrow(expect.objectContaining({ code: "invalid-store-name" }));
    }
  });
});
