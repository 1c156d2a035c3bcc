import { createHash } from "node:crypto";
import { ObjectNotFoundError, type ObjectStore } from "../contract/object-store.ts";
import { DEFAULT_MAX_OBJECT_BYTES, contentLength, readBounded } from "../http/bounded-body.ts";
import type { GcsTokenSource } from "./gcs-token-source.ts";
import { StoreAuthError, StoreHttpError, StoreIntegrityError } from "../contract/store-errors.ts";
import { checkContainerName, checkObjectName } from "../http/url-path.ts";

export interface GcsStoreOptions {
  /** API root: `https://storage.googleapis.com` for real GCS, the fake's URL in tests. */
  endpoint: string;
  /** `backup_gcs_project_id`: needed to list and create buckets. */
  projectId: string;
  tokens: GcsTokenSource;
  /** `backup_gcs_bucket_location` / `backup_gcs_storage_class` for buckets this store creates. */
  bucketLocation?: string;
  storageClass?: string;
  maxObjectBytes?: number;
  pageSize?: number;
}

interface GcsObjectResource {
  name: string;
  md5Hash?: string;
  /** A decimal string in the JSON API (uint64). */
  size?: string;
}

/** Buckets and objects through the GCS JSON API v1 with plain fetch. */
export class GcsObjectStore implements ObjectStore {
  readonly kind = "gcs";
  private readonly root: string;
  private readonly maxObjectBytes: number;

  constructor(private readonly options: GcsStoreOptions) {
    this.root = options.endpoint.replace(/\/+$/, "");
    this.maxObjectBytes = options.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES;
  }

  /** buckets.get, then buckets.insert with cinder's defaults (US / NEARLINE) when absent. */
  async ensureContainer(bucket: string): Promise<void> {
    checkContainerName(bucket);
    const get = await this.request("GET", `/storage/v1/b/${encodeURIComponent(bucket)}`);
    if (get.ok) return void (await get.body?.cancel());
    if (get.status !== 404) throw await this.failure(get, "buckets.get");
    await get.body?.cancel();
    const insert = await this.request("POST", `/storage/v1/b?project=${encodeURIComponent(this.options.projectId)}`, {
      body: JSON.stringify({
        name: bucket,
        location: this.options.bucketLocation ?? "US",
        storageClass: this.options.storageClass ?? "NEARLINE",
      }),
      headers: { "Content-Type": "application/json" },
    });
    if (insert.ok || insert.status === 409) return void (await insert.body?.cancel());
    throw await this.failure(insert, "buckets.insert");
  }

  /** Simple media upload; the returned md5Hash must match what was sent. */
  async putObject(bucket: string, name: string, data: Uint8Array): Promise<void> {
    checkContainerName(bucket);
    checkObjectName(name);
    const query = new URLSearchParams({ uploadType: "media", name });
    const res = await this.request("POST", `/upload/storage/v1/b/${encodeURIComponent(bucket)}/o?${query}`, {
      body: data,
      headers: { "Content-Type": "application/octet-stream" },
    });
    if (!res.ok) throw await this.failure(res, `objects.insert ${bucket}/${name}`);
    const resource = (await res.json()) as GcsObjectResource;
    const sent = createHash("md5").update(data).digest("base64");
    if (resource.md5Hash !== undefined && resource.md5Hash !== sent) throw new StoreIntegrityError(bucket, name, sent, resource.md5Hash);
  }

  async getObject(bucket: string, name: string): Promise<Uint8Array> {
    const res = await this.media(bucket, name);
    return readBounded(res.body, contentLength(res.headers), this.maxObjectBytes, { container: bucket, objectName: name });
  }

  /** objects.get without `alt=media`: the resource's `size`, nothing read. */
  async objectSize(bucket: string, name: string): Promise<number> {
    checkContainerName(bucket);
    checkObjectName(name);
    const res = await this.request("GET", `/storage/v1/b/${encodeURIComponent(bucket)}/o/${encodeURIComponent(name)}?fields=size`);
    if (res.status === 404) {
      await res.body?.cancel();
      throw new ObjectNotFoundError(bucket, name);
    }
    if (!res.ok) throw await this.failure(res, "objects.get");
    const size = ((await res.json()) as GcsObjectResource).size;
    if (size === undefined || !/^\d+$/.test(size))
      throw new StoreHttpError("gcs", "objects.get", res.status, `no size in ${JSON.stringify(size)}`);
    return Number(size);
  }

  async getObjectStream(bucket: string, name: string): Promise<ReadableStream<Uint8Array>> {
    const res = await this.media(bucket, name);
    return res.body ?? new ReadableStream({ start: (c) => c.close() });
  }

  /** objects.list with prefix, following nextPageToken (cinder's Zed driver does not: spec §C.4). */
  async listObjects(bucket: string, prefix = ""): Promise<string[]> {
    checkContainerName(bucket);
    const names: string[] = [];
    let pageToken = "";
    for (;;) {
      const query = new URLSearchParams({ prefix, maxResults: String(this.options.pageSize ?? 1000), fields: "items(name),nextPageToken" });
      if (pageToken) query.set("pageToken", pageToken);
      const res = await this.request("GET", `/storage/v1/b/${encodeURIComponent(bucket)}/o?${query}`);
      if (res.status === 404) {
        await res.body?.cancel();
        return [];
      }
      if (!res.ok) throw await this.failure(res, "objects.list");
      const page = (await res.json()) as { items?: GcsObjectResource[]; nextPageToken?: string };
      names.push(...(page.items ?? []).map((o) => o.name));
      if (!page.nextPageToken) return names.sort();
      pageToken = page.nextPageToken;
    }
  }

  async deleteObject(bucket: string, name: string): Promise<void> {
    checkContainerName(bucket);
    checkObjectName(name);
    const res = await this.request("DELETE", `/storage/v1/b/${encodeURIComponent(bucket)}/o/${encodeURIComponent(name)}`);
    if (res.ok || res.status === 404) return void (await res.body?.cancel());
    throw await this.failure(res, "objects.delete");
  }

  async listContainers(): Promise<string[]> {
    const names: string[] = [];
    let pageToken = "";
    for (;;) {
      const query = new URLSearchParams({ project: this.options.projectId });
      if (pageToken) query.set("pageToken", pageToken);
      const res = await this.request("GET", `/storage/v1/b?${query}`);
      if (!res.ok) throw await this.failure(res, "buckets.list");
      const page = (await res.json()) as { items?: { name: string }[]; nextPageToken?: string };
      names.push(...(page.items ?? []).map((b) => b.name));
      if (!page.nextPageToken) return names.sort();
      pageToken = page.nextPageToken;
    }
  }

  private async media(bucket: string, name: string): Promise<Response> {
    checkContainerName(bucket);
    checkObjectName(name);
    const res = await this.request("GET", `/storage/v1/b/${encodeURIComponent(bucket)}/o/${encodeURIComponent(name)}?alt=media`);
    if (res.status === 404) {
      await res.body?.cancel();
      throw new ObjectNotFoundError(bucket, name);
    }
    if (!res.ok) throw await this.failure(res, "objects.get");
    return res;
  }

  /** One request with a bearer token; a 401 refreshes the token once. */
  private async request(
    method: string,
    path: string,
    init: { body?: Uint8Array | string; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.options.tokens.token();
      const res = await fetch(`${this.root}${path}`, {
        method,
        body: init.body,
        headers: { ...init.headers, Authorization: `Bearer ${token}` },
      });
      if (res.status !== 401) return res;
      await res.body?.cancel();
      this.options.tokens.invalidate();
      if (attempt === 1) throw new StoreAuthError("gcs", `${method} ${path.split("?")[0]}: token refused`);
    }
  }

  private async failure(res: Response, operation: string): Promise<StoreHttpError> {
    return new StoreHttpError("gcs", operation, res.status, await res.text());
  }
}
