import type { RequestContext } from "../api/request-context.ts";
import type { SimulatedCloud } from "../cloud/simulated-cloud.ts";
import type { Links } from "./links.ts";
import type { QueryParams } from "./query-params.ts";
import type { Schema } from "./json-schema.ts";

/** What a route handler gets: the cinder request context, path ids, query and decoded body. */
export interface Call {
  readonly cloud: SimulatedCloud;
  readonly ctx: RequestContext;
  /** Negotiated minor version (major is always 3). */
  readonly minor: number;
  readonly params: Readonly<Record<string, string>>;
  readonly query: QueryParams;
  /** Decoded JSON body (already schema-checked when the route declares a schema). */
  readonly body: unknown;
  /** Raw text of the body's number literals by path (Python keeps `1.0` a float, big ints exact). */
  readonly numbers: ReadonlyMap<string, string>;
  readonly links: Links;
  readonly maxLimit: number;
  /** Validates `body` against `schema` with cinder's messages (for schemas chosen per action). */
  validate(schema: Schema): void;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (call: Call) => Promise<Reply>;

/** A body schema for a range of microversions (`@validation.schema(schema, min, max)`). */
export interface VersionedSchema {
  schema: Schema;
  min?: number;
  max?: number;
}

export interface Route {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Segments after the (optional) project id, `{id}` for a member id, e.g. `backups/{id}/restore`. */
  path: string;
  /** `mapper.connect` routes (the versions index) have no `{project_id}` copy. */
  noProject?: boolean;
  /** `@wsgi.Controller.api_version(min, max)`: outside → 404 (`VersionNotFoundForAPIMethod`). */
  min?: number;
  max?: number;
  /** The controller method takes a body (`create`, `update`, actions); others reject one with 400. */
  body?: boolean;
  schemas?: VersionedSchema[];
  /** `POST …/action`: one handler per action key, chosen by peeking at the body. */
  actions?: Readonly<Record<string, ActionRoute>>;
  handler?: Handler;
}

export interface ActionRoute {
  min?: number;
  max?: number;
  schemas?: VersionedSchema[];
  handler: Handler;
}
