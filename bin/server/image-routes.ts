import { json, type RouteRequest, type RouteResponse } from "./http-types.ts";

/**
 * Just enough of the Image API for OSC 6.0, whose `volume create` builds an image client and runs
 * version discovery on the catalog's `image` endpoint (spec §11). No images exist.
 */
export async function imageRoutes(req: RouteRequest): Promise<RouteResponse> {
  const path = req.path.replace(/\/+$/, "");
  if (req.method !== "GET" && req.method !== "HEAD")
    return json(405, { error: { code: 405, title: "Method Not Allowed", message: "Only discovery is served." } });
  if (path === "" || path === "/v2") {
    const version = { id: "v2.16", status: "CURRENT", links: [{ rel: "self", href: `${req.baseUrl}/image/v2/` }] };
    return json(path === "" ? 300 : 200, { versions: [version] });
  }
  if (path === "/v2/images") return json(200, { images: [], first: "/v2/images", schema: "/v2/schemas/images" });
  return json(404, { error: { code: 404, title: "Not Found", message: "The resource could not be found." } });
}
