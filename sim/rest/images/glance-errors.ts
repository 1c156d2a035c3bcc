/** An Image API error answer: Glance raises webob exceptions, which answer JSON clients with
 *  webob's JSON formatter, `{"message": …, "code": "404 Not Found", "title": "Not Found"}`. */
export class GlanceError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = "GlanceError";
  }

  body(): { message: string; code: string; title: string } {
    const title = TITLES[this.status];
    return { message: this.message, code: `${this.status} ${title}`, title };
  }
}

const TITLES: Record<GlanceError["status"], string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Request Entity Too Large",
  415: "Unsupported Media Type",
};

/** `glance/api/v2/images.py`: "No image found with ID %s" (404, also for images the caller may not see). */
export const imageNotFound = (id: string): GlanceError => new GlanceError(404, `No image found with ID ${id}`);
