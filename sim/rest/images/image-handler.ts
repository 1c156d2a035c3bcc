import type { SimulatedCloud } from "../../cloud/simulated-cloud.ts";
import type { RestAuth } from "../types.ts";
import { parseImageCreate } from "./image-create.ts";
import { GlanceError, imageNotFound } from "./glance-errors.ts";
import { imagesOf } from "./image-registry.ts";
import type { ImageRecord } from "./image-record.ts";
import { imageView } from "./image-view.ts";

/** A request below `cbh serve`'s `/image` mount (body as raw bytes: image data is binary). */
export interface ImageRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Uint8Array;
  auth: RestAuth | null;
  /** Public URL of the `/image` mount. */
  baseUrl: string;
}

export interface ImageResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON value, or the image's bytes for a download. */
  body?: unknown;
}

export interface ImageHandler {
  handle(req: ImageRequest): Promise<ImageResponse>;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): ImageResponse => ({
  status,
  headers: { "Content-Type": "application/json; charset=UTF-8", ...headers },
  body,
});

/**
 * The Image API v2 subset the documented workflows need to move bytes portably (issue 11 §2):
 * version discovery, list, create, upload (`PUT …/file`), download (`GET …/file`), show and
 * delete (`glance/api/v2/images.py:ImagesController`, `image_data.py:ImageDataController`).
 * Answers and error texts as Glance's for the cases a client hits; bad input is a 4xx.
 */
export function createImageHandler(cloud: SimulatedCloud): ImageHandler {
  const images = imagesOf(cloud);

  async function route(req: ImageRequest): Promise<ImageResponse> {
    const path = req.path.replace(/\/+$/, "");
    const method = req.method === "HEAD" ? "GET" : req.method;
    if (path === "" || path === "/v2") {
      if (method !== "GET") throw new GlanceError(405, "The method is not allowed for this resource.");
      const version = { id: "v2.16", status: "CURRENT", links: [{ rel: "self", href: `${req.baseUrl}/v2/` }] };
      return json(path === "" ? 300 : 200, { versions: [version] });
    }
    const auth = req.auth;
    if (!auth) throw new GlanceError(401, "This server could not verify that you are authorized to access the document you requested.");
    const isAdmin = auth.roles.includes("admin");
    const find = (id: string): ImageRecord =>
      images.get(id, auth.projectId, isAdmin) ??
      (() => {
        throw imageNotFound(id);
      })();
    if (path === "/v2/images") {
      if (method === "GET")
        return json(200, {
          images: images.list(auth.projectId, isAdmin).map(imageView),
          first: "/v2/images",
          schema: "/v2/schemas/images",
        });
      if (method !== "POST") throw new GlanceError(405, "The method is not allowed for this resource.");
      const fields = parseImageCreate(Buffer.from(req.body).toString("utf8"));
      const image = images.create(auth.projectId, fields);
      return json(201, imageView(image), { Location: `${req.baseUrl}/v2/images/${image.id}` });
    }
    const m = /^\/v2\/images\/([^/]+)(\/file)?$/.exec(path);
    if (!m) throw new GlanceError(404, "The resource could not be found.");
    const id = decodeURIComponent(m[1] as string);
    if (m[2]) {
      const image = find(id);
      if (method === "GET") {
        // image_data.py:download: an image without data answers 204 No Content.
        if (!image.data || image.status !== "active") return { status: 204, headers: {} };
        return {
          status: 200,
          headers: { "Content-Type": "application/octet-stream", "Content-MD5": image.checksum ?? "" },
          body: image.data,
        };
      }
      if (method !== "PUT") throw new GlanceError(405, "The method is not allowed for this resource.");
      if (image.owner !== auth.projectId && !isAdmin) throw new GlanceError(403, "You are not permitted to upload data for this image.");
      const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim();
      if (type !== "application/octet-stream") throw new GlanceError(415, "Content-Type must be application/octet-stream");
      if (!image.disk_format || !image.container_format)
        throw new GlanceError(400, "Properties disk_format, container_format must be set prior to saving data.");
      if (image.status !== "queued") throw new GlanceError(409, `Image status transition from ${image.status} to saving is not allowed`);
      images.setData(image, new Uint8Array(req.body));
      return { status: 204, headers: {} };
    }
    const image = find(id);
    if (method === "GET") return json(200, imageView(image));
    if (method === "DELETE") {
      if (image.owner !== auth.projectId && !isAdmin) throw new GlanceError(403, "You are not permitted to delete this image.");
      if (image.protected) throw new GlanceError(403, `Image ${image.id} is protected and cannot be deleted.`);
      images.delete(image);
      return { status: 204, headers: {} };
    }
    throw new GlanceError(405, "The method is not allowed for this resource.");
  }

  return {
    async handle(req) {
      try {
        return await route(req);
      } catch (e) {
        if (e instanceof GlanceError) return json(e.status, e.body());
        throw e;
      }
    },
  };
}
