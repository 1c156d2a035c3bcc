import { createHash } from "node:crypto";
import { ObjectNotFoundError, type ObjectStore } from "../contract/object-store.ts";
import { DEFAULT_MAX_OBJECT_BYTES, contentLength, readBounded } from "../http/bounded-body.ts";
import type { SwiftAuth, SwiftSession } from "./swift-auth.ts";
import { StoreAuthError, StoreHttpError, StoreIntegrityError } from "../contract/store-errors.ts";
import { checkContainerName, encodeObjectPath } from "../http/url-path.ts";

export interface SwiftStoreOptions {
  auth: SwiftAuth;
  maxObjectBytes?: number;
  /** Listing page size (Swift's default and maximum is 10000). */
  pageSize?: number;
}

/** A real Swift account through plain fetch: tempauth v1 or Keystone v3 tokens. */
export class SwiftObjectStore implements ObjectStore {
  readonly kind = "swift";
  private session?: SwiftSession;
  private readonly maxObjectBytes: number;
  private readonly pageSize: number;

  constructor(private readonly options: SwiftStoreOptions) {
    this.maxObjectBytes = options.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES;
    this.pageSize = options.pageSize ?? 10_000;
  }

  async ensureContainer(container: string): Promise<void> {
    checkContainerName(container);
    const res = await this.request("PUT", encodeURIComponent(container));
    await this.expect(res, "PUT container", [201, 202, 204]);
  }

  /**
   * PUT with the MD5 checked against the returned ETag, as cinder's writer does
   * (backup/drivers/swift.py:SwiftObjectWriter.close raises InvalidBackup on a mismatch).
   */
  async putObject(container: string, name: string, data: Uint8Array): Promise<void> {
    checkContainerName(container);
    const md5 = createHash("md5").update(data).digest("hex");
    const res = await this.request("PUT", `${encodeURIComponent(container)}/${encodeObjectPath(name)}`, {
      body: data,
      headers: { "Content-Type": "application/octet-stream" },
    });
    if (res.status === 404) throw new StoreHttpError("swift", `PUT ${container}/${name} (no such container)`, 404, await res.text());
    await this.expect(res, "PUT object", [201]);
    const etag = res.headers.get("etag")?.replace(/"/g, "");
    if (etag !== md5) throw new StoreIntegrityError(container, name, md5, etag ?? "(none)");
  }

  async getObject(container: string, name: string): Promise<Uint8Array> {
    const res = await this.getResponse(container, name);
    return readBounded(res.body, contentLength(res.headers), this.maxObjectBytes, { container, objectName: name });
  }

  /** HEAD: the object's size without reading it (a hostile object is refused before it is loaded). */
  async objectSize(container: string, name: string): Promise<number> {
    checkContainerName(container);
    const res = await this.request("HEAD", `${encodeURIComponent(container)}/${encodeObjectPath(name)}`);
    if (res.status === 404) throw new ObjectNotFoundError(container, name);
    await this.expect(res, "HEAD object", [200]);
    const size = contentLength(res.headers);
    if (size === undefined) throw new StoreHttpError("swift", "HEAD object", res.status, "no Content-Length");
    return size;
  }

  /** The object as a byte stream (nothing buffered): for large objects. */
  async getObjectStream(container: string, name: string): Promise<ReadableStream<Uint8Array>> {
    const res = await this.getResponse(container, name);
    return res.body ?? new ReadableStream({ start: (c) => c.close() });
  }

  async listObjects(container: string, prefix = ""): Promise<string[]> {
    checkContainerName(container);
    const names: string[] = [];
    let marker = "";
    for (;;) {
      const query = new URLSearchParams({ format: "json", limit: String(this.pageSize), prefix, marker });
      const res = await this.request("GET", `${encodeURIComponent(container)}?${query}`);
      if (res.status === 404) {
        await res.body?.cancel();
        return [];
      }
      await this.expect(res, "GET container", [200, 204], false);
      const page = res.status === 204 ? [] : ((await res.json()) as { name: string }[]);
      names.push(...page.map((o) => o.name));
      if (page.length < this.pageSize) return names.sort();
      marker = page[page.length - 1]!.name;
    }
  }

  /** 404 is tolerated (cinder's chunked driver deletes each object of a backup, once). */
  async deleteObject(container: string, name: string): Promise<void> {
    checkContainerName(container);
    const res = await this.request("DELETE", `${encodeURIComponent(container)}/${encodeObjectPath(name)}`);
    await this.expect(res, "DELETE object", [204, 404]);
  }

  async listContainers(): Promise<string[]> {
    const names: string[] = [];
    let marker = "";
    for (;;) {
      const query = new URLSearchParams({ format: "json", limit: String(this.pageSize), marker });
      const res = await this.request("GET", `?${query}`);
      await this.expect(res, "GET account", [200, 204], false);
      const page = res.status === 204 ? [] : ((await res.json()) as { name: string }[]);
      names.push(...page.map((c) => c.name));
      if (page.length < this.pageSize) return names.sort();
      marker = page[page.length - 1]!.name;
    }
  }

  private async getResponse(container: string, name: string): Promise<Response> {
    checkContainerName(container);
    const res = await this.request("GET", `${encodeURIComponent(container)}/${encodeObjectPath(name)}`);
    if (res.status === 404) {
      await res.body?.cancel();
      throw new ObjectNotFoundError(container, name);
    }
    await this.expect(res, "GET object", [200], false);
    return res;
  }

  /** One request; on 401 the token is renewed once (tokens expire, tempauth after 24 h). */
  private async request(
    method: string,
    path: string,
    init: { body?: Uint8Array; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const session = this.session ?? (this.session = await this.options.auth.authenticate());
      const url = path.startsWith("?") ? `${session.storageUrl}${path}` : `${session.storageUrl}/${path}`;
      const res = await fetch(url, { method, body: init.body, headers: { ...init.headers, "X-Auth-Token": session.token } });
      if (res.status !== 401) return res;
      await res.body?.cancel();
      this.session = undefined;
      if (attempt === 1) throw new StoreAuthError("swift", `${method} ${path}: token refused twice`);
    }
  }

  private async expect(res: Response, operation: string, ok: number[], consume = true): Promise<void> {
    if (!ok.includes(res.status)) throw new StoreHttpError("swift", operation, res.status, await res.text());
    if (consume) await res.body?.cancel();
  }
}

/** tempauth v1 convenience: `createSwiftStore({authUrl, user, key})`. */
export async function createSwiftStore(options: SwiftStoreOptions): Promise<SwiftObjectStore> {
  return new SwiftObjectStore(options);
}
