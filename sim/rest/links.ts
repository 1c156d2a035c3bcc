import { pyInt } from "./list-query.ts";
import type { QueryParams } from "./query-params.ts";

/**
 * `api/common.py:ViewBuilder` links. `self` = application URL (`<mount>/v3`) + [project] +
 * collection + id; `bookmark` drops the version segment; the project id appears only when the
 * request URL carried it (`_get_project_id_in_url`).
 */
export class Links {
  constructor(
    /** Public URL of the `/volume` mount, no trailing slash. */
    private readonly mount: string,
    /** The project id when the request URL had `/v3/<project_id>`, else "". */
    private readonly projectInUrl: string,
    private readonly query: QueryParams,
    private readonly maxLimit: number,
  ) {}

  mountUrl(): string {
    return this.mount;
  }

  private join(...parts: string[]): string {
    return parts.filter((p) => p !== "").join("/");
  }

  self(collection: string, id: string): string {
    return this.join(`${this.mount}/v3`, this.projectInUrl, collection, id);
  }

  bookmark(collection: string, id: string): string {
    return this.join(this.mount, this.projectInUrl, collection, id);
  }

  item(collection: string, id: string): Array<{ rel: string; href: string }> {
    return [
      { rel: "self", href: this.self(collection, id) },
      { rel: "bookmark", href: this.bookmark(collection, id) },
    ];
  }

  /**
   * `_get_collection_links`: a `next` link when the page is full (limit, or osapi_max_limit,
   * is ≤ the item count), carrying the request's params with `marker` = last id.
   */
  collection(collectionPath: string, ids: readonly string[], itemCount?: number): Array<{ rel: string; href: string }> {
    const count = itemCount || ids.length;
    const raw = this.query.get("limit");
    let limit = this.maxLimit;
    const n = raw === undefined ? undefined : pyInt(raw);
    if (n !== undefined) limit = Math.min(n, this.maxLimit);
    const last = ids[ids.length - 1];
    if (last === undefined || limit > count) return [];
    // `params["marker"] = id` on webob's MultiDict drops the old values and appends at the end.
    const params = new URLSearchParams();
    for (const [k, v] of this.query.entries()) if (k !== "marker") params.append(k, v);
    params.append("marker", last);
    return [{ rel: "next", href: `${this.join(`${this.mount}/v3`, this.projectInUrl, collectionPath)}?${params.toString()}` }];
  }
}
